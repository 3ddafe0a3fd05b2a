import { Inject, Injectable, Logger } from '@nestjs/common';
import { backpressureLimit, dueCount, holdBack, queuedCount, releaseHold, type RunState } from '@app/domain';
import { JobQueue, PublishClaims, RunRecords, RunStore, runLog } from '@app/infra';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/**
 * Publishes the records of one run that are due by its schedule: claims them (fenced by the lease),
 * publishes them with confirms, then records them as published. Holds the run back while its queue is
 * over the backpressure limit.
 */
@Injectable()
export class RunPublisher {
  private readonly logger = new Logger(RunPublisher.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly runs: RunStore,
    private readonly claims: PublishClaims,
    private readonly records: RunRecords,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
    private readonly metrics: SchedulerMetrics,
  ) {}

  /**
   * Publishes what is due now; returns how many records were published. `pushback` is why the run's endpoint asked
   * for less, while it does (`DestinationPushback`).
   */
  async publishDue(run: RunState, leaseToken: string, now: number, pushback: string | null = null): Promise<number> {
    if (run.status !== 'running') return 0;
    if (!(await this.keepsUnderBackpressureLimit(run, now, pushback))) return 0;
    const due = dueCount(run.pace, run.total, now);
    const wanted = Math.min(due, run.published + this.config.maxPublishBatch);
    if (wanted <= run.published) return 0;
    const claimed = await this.claims.reserve(run.id, leaseToken, wanted, run.revision);
    if (typeof claimed !== 'number' || claimed <= run.published) return 0;
    const jobs = await this.records.jobs(run, run.published + 1, claimed, now);
    // Recorded only once confirmed: a crash in between republishes these seqs, which workers count once.
    await this.jobs.publish(jobs);
    await this.claims.recordPublished(run.id, claimed, Date.now());
    this.metrics.published.inc(jobs.length);
    return jobs.length;
  }

  /** Enters or leaves the throttled state as the run's queue crosses its limit or its endpoint pushes back; false while held back. */
  private async keepsUnderBackpressureLimit(run: RunState, now: number, pushback: string | null): Promise<boolean> {
    const queued = queuedCount(run);
    const limit = backpressureLimit(run.pace.ratePerMinute, this.config.backpressureSeconds, this.config.backpressureMinQueued);
    const over = queued > limit || pushback !== null;
    if (over && run.throttleReason === null) {
      const reason =
        pushback === null
          ? `${queued} jobs queued, over the limit of ${limit}: holding back until workers catch up`
          : `${pushback}: holding back until it takes more`;
      if ((await this.runs.save(holdBack(run, reason, now), now)) === 'saved') this.logger.warn(runLog(run.id, `throttled: ${reason}`));
    } else if (!over && run.throttleReason !== null) {
      if ((await this.runs.save(releaseHold(run, now), now)) === 'saved') this.logger.log(runLog(run.id, 'back to its pace'));
      // The next tick publishes from the rebased schedule.
      return false;
    }
    return !over;
  }
}
