import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DestinationPushback, RunStore, runLog, type LogLine } from '@app/infra';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';
import { LeadershipService } from '../leadership/leadership.service';
import { RunPublisher } from './run-publisher';
import { StateRecovery } from './state-recovery.service';

/**
 * Every tick, while this instance leads, publishes what each active run is due. Ticks never overlap:
 * the next is scheduled when the previous ends, so a slow broker delays the pace but never doubles it. Within a
 * tick the runs publish side by side: each claims, publishes and records its own seqs, so one run's window waiting
 * for the broker's confirms holds up no other run's.
 */
@Injectable()
export class PublishLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PublishLoop.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** The errors of the last tick, each logged once while it lasts, so an outage does not flood the log at the tick rate. */
  private lastErrors = new Set<string>();

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
    const errors: (LogLine | string)[] = [];
    try {
      const now = Date.now();
      const token = await this.leadership.leaderToken(now);
      if (token === null) return;
      if (!(await this.recovery.ensureReady())) return;
      const runs = await this.runs.getMany(await this.runs.activeRunIds());
      const pushback = await this.pushback.reasons(runs.filter(({ processor }) => processor === 'http').map(({ id }) => id));
      const outcomes = await Promise.allSettled(
        runs.map((run) => this.publisher.publishDue(run, token, now, pushback.get(run.id) ?? null)),
      );
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'rejected') errors.push(runLog(runs[i].id, `publishing failed: ${(outcome.reason as Error).message}`));
      });
    } catch (error) {
      errors.push(`publish tick failed: ${(error as Error).message}`);
    }
    for (const error of errors) if (!this.lastErrors.has(String(error))) this.logger.warn(error);
    this.lastErrors = new Set(errors.map(String));
  }
}
