import { Inject, Injectable, Logger } from '@nestjs/common';
import { mapConcurrently, restoreRun, storedSeqsOf } from '@app/domain';
import { HotState, ResultStore, RunArchive } from '@app/infra';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/** Longest a rebuild may take before another scheduler may try (the lock lapses if its holder dies). */
const REBUILD_LOCK_TTL_MS = 120_000;
/** Runs rebuilt at once: Elasticsearch answers one run's aggregations while Redis takes another's bitmaps. */
const RUNS_REBUILT_AT_ONCE = 4;

/**
 * Rebuilds the hot state in Redis from Elasticsearch when Redis comes back without it (or starts empty):
 * every archived run, its counters and bitmaps from the results and dead letters actually stored, read as ranges
 * of seqs (a run stored whole is one range, so the rebuild costs what the gaps cost, not the history). Until
 * the state is marked ready, workers count nothing (their batches wait in the queue) and nothing is
 * published, so nothing is skipped or counted twice.
 */
@Injectable()
export class StateRecovery {
  private readonly logger = new Logger(StateRecovery.name);

  constructor(
    private readonly hotState: HotState,
    private readonly archive: RunArchive,
    private readonly results: ResultStore,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {}

  /** Whether the state is ready, rebuilding it first when it is not and no other scheduler is at it. */
  async ensureReady(): Promise<boolean> {
    if (await this.hotState.isReady()) return true;
    if (!(await this.hotState.lockRebuild(this.config.instanceId, REBUILD_LOCK_TTL_MS))) return false;
    const started = Date.now();
    const records = await this.archive.all();
    await mapConcurrently(records, RUNS_REBUILT_AT_ONCE, async (record) => {
      const [results, deadLetters] = await Promise.all([
        this.results.storedSeqRanges(record.id, 'result'),
        this.results.storedSeqRanges(record.id, 'failure'),
      ]);
      const stored = storedSeqsOf(results, deadLetters);
      await this.hotState.restore(restoreRun(record, stored.counts, Date.now()), stored.processed, stored.failed);
    });
    await this.hotState.markReady();
    if (records.length > 0) this.logger.warn(`rebuilt ${records.length} runs from Elasticsearch in ${Date.now() - started} ms`);
    else this.logger.log('run state initialised (nothing archived yet)');
    return true;
  }
}
