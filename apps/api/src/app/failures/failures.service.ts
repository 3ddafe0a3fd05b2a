import { Injectable } from '@nestjs/common';
import { type FailurePage, type JobMessage, type ReplayResult } from '@app/contracts';
import { JobQueue, ResultStore } from '@app/infra';
import { RunLookup } from '../run-lookup/run-lookup';

const DEFAULT_PAGE_SIZE = 100;
/** Dead letters read and republished per round trip while replaying. */
const REPLAY_PAGE_SIZE = 1_000;

/** A run's dead letters: listing them, and replaying them onto the jobs queue. */
@Injectable()
export class FailuresService {
  constructor(
    private readonly results: ResultStore,
    private readonly runs: RunLookup,
    private readonly jobs: JobQueue,
  ) {}

  async list(runId: string, size = DEFAULT_PAGE_SIZE, cursor?: number): Promise<FailurePage> {
    await this.runs.require(runId);
    return this.results.listFailures(runId, size, cursor);
  }

  /**
   * Publishes every dead letter of the run again, as its next attempt. A job that now succeeds moves from
   * failed to processed (its dead letter is removed); one that fails again stays a single dead letter.
   * A change, so it needs the hot state (503 while it is rebuilt).
   */
  async replay(runId: string): Promise<ReplayResult> {
    await this.runs.requireHot(runId);
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
      if (jobs.length > 0) await this.jobs.publish(jobs);
      replayed += jobs.length;
      if (page.nextCursor === null) return { replayed };
      cursor = Number(page.nextCursor);
    }
  }
}
