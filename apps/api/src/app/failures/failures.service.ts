import { Injectable, NotFoundException } from '@nestjs/common';
import { type FailurePage, type JobMessage, type ReplayResult } from '@app/contracts';
import { AmqpConnection, ResultStore, RunStore } from '@app/infra';

const DEFAULT_PAGE_SIZE = 100;
/** Dead letters read and republished per round trip while replaying. */
const REPLAY_PAGE_SIZE = 1_000;

/** A run's dead letters: listing them, and replaying them onto the jobs queue. */
@Injectable()
export class FailuresService {
  constructor(
    private readonly results: ResultStore,
    private readonly runs: RunStore,
    private readonly amqp: AmqpConnection,
  ) {}

  async list(runId: string, size = DEFAULT_PAGE_SIZE, cursor?: number): Promise<FailurePage> {
    await this.assertRunExists(runId);
    return this.results.listFailures(runId, size, cursor);
  }

  /**
   * Publishes every dead letter of the run again, as its next attempt. A job that now succeeds moves from
   * failed to processed (its dead letter is removed); one that fails again stays a single dead letter.
   */
  async replay(runId: string): Promise<ReplayResult> {
    await this.assertRunExists(runId);
    await this.results.refreshFailures();
    let replayed = 0;
    let cursor: number | undefined;
    for (;;) {
      const page = await this.results.listFailures(runId, REPLAY_PAGE_SIZE, cursor);
      const jobs = page.items.map((failure): JobMessage => ({
        runId,
        seq: failure.seq,
        input: failure.input,
        processor: failure.processor,
        publishedAt: Date.parse(failure.publishedAt),
        attempt: failure.attempts + 1,
      }));
      if (jobs.length > 0) await this.amqp.publishJobs(jobs);
      replayed += jobs.length;
      if (page.nextCursor === null) return { replayed };
      cursor = Number(page.nextCursor);
    }
  }

  private async assertRunExists(runId: string): Promise<void> {
    if (!(await this.runs.get(runId))) throw new NotFoundException(`run ${runId} does not exist`);
  }
}
