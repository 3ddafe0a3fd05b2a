import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ChangeCoalescer, notificationDue } from '@app/domain';
import { RunArchive, RunChangeFeed, RunStore, runLog } from '@app/infra';
import { LeadershipService } from '../leadership/leadership.service';
import { RunNotifier } from './run-notifier';

/** How often the leader looks for callbacks that became due. */
export const NOTIFY_TICK_MS = 250;
/**
 * How often it also asks the `runs` index for every callback still owed: a run may have ended, or been left in a
 * backoff, while this instance was not leading or not running, and then no change of it may ever come again.
 */
export const NOTIFY_SWEEP_INTERVAL_MS = 10_000;
/** Callbacks in flight at once, so that a burst of runs ending never opens a burst of connections. */
export const MAX_NOTIFICATIONS_IN_FLIGHT = 32;

/**
 * While this instance leads, sends the completion callback of each run that has ended with it pending. The runs
 * looked at are those that changed since the last tick (a run ends with a change: its last count, or a stop) and,
 * every sweep, those the `runs` index says are owed one; a run stays looked at while its callback is due, and the
 * claim `RunNotifier` takes decides when its next attempt goes.
 */
@Injectable()
export class NotifyLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotifyLoop.name);
  private readonly candidates = new ChangeCoalescer<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private sweptAt = Number.NEGATIVE_INFINITY;
  private lastError = '';

  constructor(
    private readonly leadership: LeadershipService,
    private readonly runs: RunStore,
    private readonly changes: RunChangeFeed,
    private readonly archive: RunArchive,
    private readonly notifier: RunNotifier,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.changes.subscribe((runId) => this.candidates.mark(runId));
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(this.inFlight.values());
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule();
      });
    }, NOTIFY_TICK_MS);
  }

  private async tick(): Promise<void> {
    if (!this.leadership.leading) {
      // A standby starts from a sweep once it leads: it cannot know which runs ended meanwhile.
      this.candidates.drain();
      this.sweptAt = Number.NEGATIVE_INFINITY;
      return;
    }
    const runIds = new Set(this.candidates.drain());
    if (Date.now() - this.sweptAt >= NOTIFY_SWEEP_INTERVAL_MS) {
      this.sweptAt = Date.now();
      for (const runId of await this.sweep()) runIds.add(runId);
    }
    try {
      for (const run of await this.runs.getMany([...runIds])) {
        if (!notificationDue(run)) continue;
        this.candidates.mark(run.id);
        if (!this.inFlight.has(run.id) && this.inFlight.size < MAX_NOTIFICATIONS_IN_FLIGHT) this.send(run.id);
      }
      this.lastError = '';
    } catch (error) {
      for (const runId of runIds) this.candidates.mark(runId);
      this.warnOnce(`notify tick failed: ${(error as Error).message}`);
    }
  }

  /**
   * The runs the `runs` index says are owed a callback; none while it cannot be read, so that an Elasticsearch outage
   * holds back no callback of a run seen changing (the next sweep, an interval later, asks again).
   */
  private async sweep(): Promise<string[]> {
    try {
      return await this.archive.pendingNotificationRunIds();
    } catch (error) {
      this.warnOnce(`looking for callbacks owed failed: ${(error as Error).message}`);
      return [];
    }
  }

  /**
   * One attempt, in the background so that a slow endpoint holds up no other run. A failure is logged every time: it
   * leaves the run's claim held until it lapses, which spaces the next attempt out.
   */
  private send(runId: string): void {
    const attempt = this.notifier
      .notify(runId)
      .catch((error: unknown) => this.logger.warn(runLog(runId, `notifying failed: ${(error as Error).message}`)))
      .finally(() => this.inFlight.delete(runId));
    this.inFlight.set(runId, attempt);
  }

  /** Logged once per distinct error, so an outage does not flood the log at the tick rate. */
  private warnOnce(message: string): void {
    if (message !== this.lastError) this.logger.warn(message);
    this.lastError = message;
  }
}
