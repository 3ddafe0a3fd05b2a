import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { RunSample } from '@app/contracts';
import { runEnded, runSample, type RunState } from '@app/domain';
import { RunChangeFeed, RunHistoryStore, RunStore } from '@app/infra';
import { WorkerDemand } from '../autoscaling/worker-demand';
import { LeadershipService } from '../leadership/leadership.service';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/**
 * While this instance leads, samples every run still moving into its rate history once an interval, and passes
 * the runs to the autoscaling signal (`WorkerDemand`). Samples are best-effort: a failing Redis or Elasticsearch costs seconds of history, logged once, and never touches
 * publishing, which runs on a loop of its own.
 */
@Injectable()
export class HistorySampler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HistorySampler.name);
  /**
   * The active runs, and those that changed since: a fully published run leaves the active set but its jobs are
   * still processed (or it completes), and its history goes on until it has ended.
   */
  private readonly tracked = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> | null = null;
  private stopped = false;
  private lastError = '';

  constructor(
    private readonly leadership: LeadershipService,
    private readonly runs: RunStore,
    private readonly changes: RunChangeFeed,
    private readonly history: RunHistoryStore,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
    private readonly metrics: SchedulerMetrics,
    private readonly demand: WorkerDemand,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.changes.subscribe((runId) => this.tracked.add(runId));
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sampling;
  }

  private schedule(): void {
    if (this.stopped) return;
    const interval = this.config.historyIntervalMs;
    // On the interval's wall-clock boundaries, so that each sample lands in a second of its own (its id).
    this.timer = setTimeout(
      () => {
        this.sampling = this.sample().finally(() => {
          this.sampling = null;
          this.schedule();
        });
      },
      interval - (Date.now() % interval),
    );
  }

  private async sample(): Promise<void> {
    if (!this.leadership.leading) {
      // A standby starts afresh from the active set and new changes once it leads, and shows no runs meanwhile.
      this.tracked.clear();
      this.metrics.showRuns([]);
      this.demand.standBy();
      return;
    }
    try {
      const now = Date.now();
      for (const runId of await this.runs.activeRunIds()) this.tracked.add(runId);
      const runIds = [...this.tracked];
      const states = await this.runs.getMany(runIds);
      const samples = await Promise.all(states.map((state) => this.sampleOf(state, now)));
      this.metrics.showRuns(samples);
      await this.demand.update(states, now);
      await this.history.append(samples);
      // Only once stored, so that a final sample lost to an outage is written again next time.
      const moving = new Set(states.filter((state) => !runEnded(state)).map((state) => state.id));
      for (const runId of runIds) if (!moving.has(runId)) this.tracked.delete(runId);
      this.lastError = '';
    } catch (error) {
      // Logged once per distinct error so an outage does not flood the log every second.
      const message = (error as Error).message;
      if (message !== this.lastError) this.logger.warn(`rate history skipped: ${message}`);
      this.lastError = message;
    }
  }

  private async sampleOf(state: RunState, now: number): Promise<RunSample> {
    return runSample(state, await this.runs.achievedRatePerMinute(state, now), now);
  }
}
