import { Injectable, NotFoundException } from '@nestjs/common';
import type { RepairResult, RunAudit } from '@app/contracts';
import { auditSeqs, newJob, seqsIn, type RunState } from '@app/domain';
import { AmqpConnection, ResultStore, RunStore } from '@app/infra';

/** Jobs republished per confirm round trip by a repair. */
const REPAIR_BATCH = 5_000;

/** Proves a run whole (or shows where it is not) against what Elasticsearch holds, and repairs what is missing. */
@Injectable()
export class AuditService {
  constructor(
    private readonly runs: RunStore,
    private readonly results: ResultStore,
    private readonly amqp: AmqpConnection,
  ) {}

  async audit(runId: string): Promise<RunAudit> {
    return (await this.check(runId)).audit;
  }

  /** Publishes again only the published seqs that have neither a result nor a dead letter. */
  async repair(runId: string): Promise<RepairResult> {
    const { run, audit } = await this.check(runId);
    const missing = seqsIn(audit.missing);
    const now = Date.now();
    for (let i = 0; i < missing.length; i += REPAIR_BATCH) {
      await this.amqp.publishJobs(missing.slice(i, i + REPAIR_BATCH).map((seq) => newJob(run.id, seq, run.processor, now)));
    }
    return { republished: missing.length };
  }

  private async check(runId: string): Promise<{ run: RunState; audit: RunAudit }> {
    const run = await this.runs.get(runId);
    if (!run) throw new NotFoundException(`run ${runId} does not exist`);
    const [results, deadLetters] = await Promise.all([this.results.storedSeqs(runId, 'result'), this.results.storedSeqs(runId, 'failure')]);
    const seqs = auditSeqs(run.published, results, deadLetters);
    const countersMatch = run.processed === results.length && run.failed === deadLetters.length;
    return {
      run,
      audit: {
        runId,
        published: run.published,
        stored: results.length,
        deadLetters: deadLetters.length,
        ...seqs,
        countersMatch,
        clean: seqs.missingCount === 0 && seqs.duplicateCount === 0 && countersMatch,
        checkedAt: new Date().toISOString(),
      },
    };
  }
}
