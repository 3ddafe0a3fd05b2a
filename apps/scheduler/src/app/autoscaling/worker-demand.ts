import { Inject, Injectable } from '@nestjs/common';
import { demandPerMinute, queuedCount, WorkerRateEstimate, workersNeeded, type RunState } from '@app/domain';
import { WorkerRegistry } from '@app/infra';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/**
 * The autoscaling signal: each second the leader passes the runs it sampled, and this sets how many workers they
 * need (`scheduler_workers_needed`) from their rates and queues and from what one worker was measured to sustain.
 * Queue length alone is not the signal: a run paced at 100 a minute keeps a long queue on purpose, and scaling on it
 * would add workers that have nothing to do (docs/kubernetes.md).
 */
@Injectable()
export class WorkerDemand {
  private readonly workerRate: WorkerRateEstimate;

  constructor(
    private readonly workers: WorkerRegistry,
    private readonly metrics: SchedulerMetrics,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {
    this.workerRate = new WorkerRateEstimate(config.demand.assumedWorkerRatePerMinute);
  }

  /** Called by the leader with the runs it sampled (the active ones and those still settling). */
  async update(runs: readonly RunState[], nowMs: number): Promise<number> {
    const live = await this.workers.live(nowMs);
    const queued = runs.reduce((sum, run) => sum + queuedCount(run), 0);
    this.workerRate.observe(
      live.map((worker) => worker.rate),
      queued,
    );
    const needed = workersNeeded(demandPerMinute(runs, this.config.demand.backlogSeconds), this.workerRate.ratePerMinute);
    this.metrics.showWorkerDemand(needed, this.workerRate.ratePerMinute);
    return needed;
  }

  /** A standby needs no workers: only the leader's figure counts. */
  standBy(): void {
    this.metrics.showWorkerDemand(0, this.workerRate.ratePerMinute);
  }
}
