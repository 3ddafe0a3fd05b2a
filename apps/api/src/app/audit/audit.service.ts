import { Injectable } from '@nestjs/common';
import type { RepairResult, RunAudit } from '@app/contracts';
import { auditSeqs, rangesSize, type RunState } from '@app/domain';
import { JobQueue, ResultStore, RunRecords } from '@app/infra';
import { RunLookup } from '../run-lookup/run-lookup';

/** Jobs republished per confirm round trip by a repair. */
const REPAIR_BATCH = 5_000;

/** Proves a run whole (or shows where it is not) against what Elasticsearch holds, and repairs what is missing. */
@Injectable()
export class AuditService {
  constructor(
    private readonly runs: RunLookup,
    private readonly results: ResultStore,
    private readonly jobs: JobQueue,
    private readonly records: RunRecords,
  ) {}

  async audit(runId: string): Promise<RunAudit> {
    return this.check(await this.runs.require(runId));
  }

  /** Publishes again only the published seqs that have neither a result nor a dead letter; needs the hot state (503 while it is rebuilt). */
  async repair(runId: string): Promise<RepairResult> {
    const run = await this.runs.requireHot(runId);
    const audit = await this.check(run);
    const now = Date.now();
    for (const { from, to } of audit.missing) {
      for (let first = from; first <= to; first += REPAIR_BATCH) {
        await this.jobs.publish(await this.records.jobs(run, first, Math.min(to, first + REPAIR_BATCH - 1), now));
      }
    }
    return { republished: audit.missingCount };
  }

  private async check(run: RunState): Promise<RunAudit> {
    const runId = run.id;
    const [results, deadLetters] = await Promise.all([
      this.results.storedSeqRanges(runId, 'result'),
      this.results.storedSeqRanges(runId, 'failure'),
    ]);
    const seqs = auditSeqs(run.published, results, deadLetters);
    const [stored, deadLettered] = [rangesSize(results), rangesSize(deadLetters)];
    const countersMatch = run.processed === stored && run.failed === deadLettered;
    return {
      runId,
      published: run.published,
      stored,
      deadLetters: deadLettered,
      ...seqs,
      countersMatch,
      clean: seqs.missingCount === 0 && seqs.duplicateCount === 0 && countersMatch,
      checkedAt: new Date().toISOString(),
    };
  }
}
