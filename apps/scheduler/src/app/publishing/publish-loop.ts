import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DestinationPushback, RunStore, runLog } from '@app/infra';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';
import { LeadershipService } from '../leadership/leadership.service';
import { RunPublisher } from './run-publisher';
import { StateRecovery } from './state-recovery.service';

/**
 * Every tick, while this instance leads, publishes what each active run is due. Ticks never overlap:
 * the next is scheduled when the previous ends, so a slow broker delays the pace but never doubles it.
 */
@Injectable()
export class PublishLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PublishLoop.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastError = '';

  constructor(
    private readonly leadership: LeadershipService,
    private readonly runs: RunStore,
    private readonly pushback: DestinationPushback,
    private readonly publisher: RunPublisher,
    private readonly recovery: StateRecovery,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.leadership.resign();
    this.logger.log('publishing stopped');
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(this.config.tickMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    // The run being published when an error struck, so its line carries the run's id.
    let publishing: string | null = null;
    try {
      const now = Date.now();
      const token = await this.leadership.leaderToken(now);
      if (token === null) return;
      if (!(await this.recovery.ensureReady())) return;
      const runs = await this.runs.getMany(await this.runs.activeRunIds());
      const pushback = await this.pushback.reasons(runs.filter(({ processor }) => processor === 'http').map(({ id }) => id));
      for (const run of runs) {
        publishing = run.id;
        await this.publisher.publishDue(run, token, now, pushback.get(run.id) ?? null);
      }
      this.lastError = '';
    } catch (error) {
      // Logged once per distinct error so an outage does not flood the log at the tick rate.
      const message = (error as Error).message;
      if (message !== this.lastError) {
        this.logger.warn(publishing === null ? `publish tick failed: ${message}` : runLog(publishing, `publishing failed: ${message}`));
      }
      this.lastError = message;
    }
  }
}
