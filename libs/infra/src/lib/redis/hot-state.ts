import type { RedisKeys, SeqRange } from '@app/contracts';
import { canEditRun, type RunState } from '@app/domain';
import { bitmapOf } from './bitmap';
import { IS_STATE_READY_SCRIPT, MARK_STATE_READY_SCRIPT } from './redis-scripts';
import { hashFields } from './run-hash';
import type { RedisConnection } from './redis.connection';

/**
 * Whether Redis holds the whole hot state, and its rebuild from Elasticsearch after Redis lost its data or failed
 * over: one scheduler takes the lock, restores every run, then marks the state ready (workers count nothing, and
 * nothing is claimed or saved, until then).
 */
export class HotState {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** False after Redis lost its data or failed over (or on a first start), until the state is rebuilt. */
  async isReady(): Promise<boolean> {
    return (await this.redis.client.eval(IS_STATE_READY_SCRIPT, 1, this.keys.stateReady)) === 1;
  }

  /** Takes the rebuild lock for `ttlMs` if nobody holds it; false when another scheduler is rebuilding. */
  async lockRebuild(holderId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.client.set(this.keys.stateRebuildLock, holderId, 'PX', ttlMs, 'NX')) === 'OK';
  }

  /** Marks the state rebuilt and ready on this Redis (its replication id), and lets go of the rebuild lock. */
  async markReady(): Promise<void> {
    await this.redis.client.eval(MARK_STATE_READY_SCRIPT, 2, this.keys.stateReady, this.keys.stateRebuildLock);
  }

  /** Writes a run rebuilt from Elasticsearch: its hash, indexes, and the bitmaps of its stored seqs (as ranges). */
  async restore(run: RunState, processed: readonly SeqRange[], failed: readonly SeqRange[]): Promise<void> {
    const pipeline = this.redis.client.pipeline();
    pipeline.del(this.keys.run(run.id), this.keys.runProcessedSeqs(run.id), this.keys.runFailedSeqs(run.id));
    if (processed.length > 0) pipeline.set(this.keys.runProcessedSeqs(run.id), bitmapOf(processed));
    if (failed.length > 0) pipeline.set(this.keys.runFailedSeqs(run.id), bitmapOf(failed));
    pipeline.hset(this.keys.run(run.id), hashFields(run));
    pipeline.zadd(this.keys.runsByCreation, 0, run.id);
    if (canEditRun(run.status) && run.published < run.total) pipeline.sadd(this.keys.activeRuns, run.id);
    else pipeline.srem(this.keys.activeRuns, run.id);
    pipeline.publish(this.keys.runChangedChannel, run.id);
    await pipeline.exec();
  }
}
