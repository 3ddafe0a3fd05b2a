import type { RedisKeys } from '@app/contracts';
import { COUNT_FAILED_SCRIPT, COUNT_PROCESSED_SCRIPT } from './redis-scripts';
import type { RedisConnection } from './redis.connection';

/** Redis lost its data or failed over, and the state is being rebuilt from Elasticsearch: nothing may be counted yet. */
export class StateNotReadyError extends Error {
  override name = 'StateNotReadyError';
  constructor() {
    super('run state is being rebuilt after Redis lost its data or failed over');
  }
}

export interface ProcessedCount {
  /** Seqs counted as processed now (0 for redeliveries of counted seqs). */
  added: number;
  /** Seqs that were dead letters until now (a replay succeeded): their failure records are obsolete. */
  movedFromFailed: number[];
}

/** The workers' exactly-once counting: each seq of a run is counted once, as processed or as failed. */
export class RunCounters {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Counts stored seqs of one run exactly once, moving replayed dead letters from failed to processed;
   * null for an unknown run. Safe to call again with the same seqs (redeliveries, retries after a lost reply).
   */
  async countProcessed(runId: string, seqs: readonly number[], nowMs: number): Promise<ProcessedCount | null> {
    const [added, ...movedFromFailed] = (await this.redis.client.eval(
      COUNT_PROCESSED_SCRIPT,
      5,
      this.keys.run(runId),
      this.keys.runProcessedSeqs(runId),
      this.keys.runFailedSeqs(runId),
      this.keys.runProcessedPerSecond(runId),
      this.keys.stateReady,
      Math.floor(nowMs / 1000),
      nowMs,
      this.keys.runChangedChannel,
      runId,
      ...seqs,
    )) as number[];
    if (added === -2) throw new StateNotReadyError();
    return added < 0 ? null : { added, movedFromFailed };
  }

  /** Counts dead-lettered seqs of one run exactly once; returns how many were new, or null for an unknown run. */
  async countFailed(runId: string, seqs: readonly number[], nowMs: number): Promise<number | null> {
    const added = (await this.redis.client.eval(
      COUNT_FAILED_SCRIPT,
      4,
      this.keys.run(runId),
      this.keys.runProcessedSeqs(runId),
      this.keys.runFailedSeqs(runId),
      this.keys.stateReady,
      nowMs,
      this.keys.runChangedChannel,
      runId,
      ...seqs,
    )) as number;
    if (added === -2) throw new StateNotReadyError();
    return added < 0 ? null : added;
  }
}
