import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ChangeCoalescer } from '@app/domain';
import { RunArchive, RunChangeFeed, RunStore } from '@app/infra';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/**
 * Keeps the durable record of runs current: every run that changed (counters included) is written to the
 * `runs` index at most once per interval, coalescing the thousands of changes in between. Every instance
 * archives what it sees; versioned writes make the duplicates harmless.
 */
@Injectable()
export class RunArchiver implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunArchiver.name);
  private readonly changed = new ChangeCoalescer<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly runs: RunStore,
    private readonly changes: RunChangeFeed,
    private readonly archive: RunArchive,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.changes.subscribe((runId) => this.changed.mark(runId));
    // Whatever changed while no scheduler was listening: the active runs are archived once at start.
    for (const runId of await this.runs.activeRunIds()) this.changed.mark(runId);
    this.timer = setInterval(() => void this.flush(), this.config.archiveIntervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
  }

  private flush(): Promise<void> {
    if (this.flushing || this.changed.size === 0) return this.flushing ?? Promise.resolve();
    const runIds = this.changed.drain();
    this.flushing = this.runs
      .getMany(runIds)
      .then((runs) => this.archive.saveMany(runs))
      .catch((error: unknown) => {
        for (const runId of runIds) this.changed.mark(runId);
        this.logger.warn(`archiving ${runIds.length} runs failed, will retry: ${(error as Error).message}`);
      })
      .finally(() => (this.flushing = null));
    return this.flushing;
  }
}
