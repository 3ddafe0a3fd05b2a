import { PROCESSOR_NAMES, RUN_STATUSES, type ProcessorName, type RedisKeys, type RunStatus } from '@app/contracts';
import type { RunState } from '@app/domain';
import { COUNT_FAILED_SCRIPT, COUNT_PROCESSED_SCRIPT, RECORD_PUBLISHED_SCRIPT, RESERVE_SCRIPT, SAVE_RUN_SCRIPT } from './redis-scripts';
import { bitmapOf } from './bitmap';
import type { RedisConnection } from './redis.connection';

export type SaveOutcome = 'saved' | 'stale' | 'total-below-claimed';
export type ReserveOutcome = number | 'not-running' | 'fenced';

/** Redis lost its data and the state is being rebuilt from Elasticsearch: nothing may be counted yet. */
export class StateNotReadyError extends Error {
  override name = 'StateNotReadyError';
  constructor() {
    super('run state is being rebuilt after Redis lost its data');
  }
}

export interface ProcessedCount {
  /** Seqs counted as processed now (0 for redeliveries of counted seqs). */
  added: number;
  /** Seqs that were dead letters until now (a replay succeeded): their failure records are obsolete. */
  movedFromFailed: number[];
}

/** Hot run state in Redis: definitions, schedules, counters, the active set and change notifications. */
export class RunStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async create(run: RunState): Promise<void> {
    await this.redis.client
      .multi()
      .hset(this.keys.run(run.id), { ...definitionFields(run), reserved: 0, published: 0, processed: 0, failed: 0, revision: 0 })
      .zadd(this.keys.runsByCreation, 0, run.id)
      .sadd(this.keys.activeRuns, run.id)
      .publish(this.keys.runChangedChannel, run.id)
      .exec();
  }

  async get(runId: string): Promise<RunState | null> {
    return fromFields(await this.redis.client.hgetall(this.keys.run(runId)));
  }

  /** Run ids, newest first (ids sort by creation time), after `cursor` when given. */
  async listIds(limit: number, cursor?: string): Promise<string[]> {
    const max = cursor ? `(${cursor}` : '+';
    return this.redis.client.zrevrangebylex(this.keys.runsByCreation, max, '-', 'LIMIT', 0, limit);
  }

  async getMany(runIds: readonly string[]): Promise<RunState[]> {
    if (runIds.length === 0) return [];
    const pipeline = this.redis.client.pipeline();
    for (const id of runIds) pipeline.hgetall(this.keys.run(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([, fields]) => fromFields(fields as Record<string, string>)).filter((run): run is RunState => run !== null);
  }

  async activeRunIds(): Promise<string[]> {
    return this.redis.client.smembers(this.keys.activeRuns);
  }

  /**
   * Saves a changed definition, schedule or status if nobody changed the run since `run.revision` was
   * read; counters are left to their own atomic updates.
   */
  async save(run: RunState, nowMs: number): Promise<SaveOutcome> {
    const fields = Object.entries(definitionFields(run)).flat();
    const result = await this.redis.client.eval(
      SAVE_RUN_SCRIPT,
      2,
      this.keys.run(run.id),
      this.keys.activeRuns,
      run.revision,
      nowMs,
      this.keys.runChangedChannel,
      run.id,
      ...fields,
    );
    return result === 1 ? 'saved' : result === 0 ? 'stale' : 'total-below-claimed';
  }

  /** Claims seqs up to `upTo` for publishing, fenced by the scheduler lease's token. */
  async reserve(runId: string, leaseKey: string, leaseToken: string, upTo: number): Promise<ReserveOutcome> {
    const result = (await this.redis.client.eval(RESERVE_SCRIPT, 2, this.keys.run(runId), leaseKey, leaseToken, upTo)) as number;
    return result === -1 ? 'not-running' : result === -2 ? 'fenced' : result;
  }

  /** Records that seqs 1..published are confirmed by the broker. */
  async recordPublished(runId: string, published: number, nowMs: number): Promise<void> {
    await this.redis.client.eval(
      RECORD_PUBLISHED_SCRIPT,
      2,
      this.keys.run(runId),
      this.keys.activeRuns,
      published,
      nowMs,
      this.keys.runChangedChannel,
      runId,
    );
  }

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

  /** Records processed in each of the `seconds` whole seconds before `nowMs`. */
  async processedPerSecond(runId: string, nowMs: number, seconds: number): Promise<number[]> {
    const current = Math.floor(nowMs / 1000);
    const fields = Array.from({ length: seconds }, (_, i) => String(current - seconds + i));
    const counts = await this.redis.client.hmget(this.keys.runProcessedPerSecond(runId), ...fields);
    return counts.map((count) => Number(count ?? 0));
  }

  /** Whether Redis holds the whole hot state (false after it lost its data, until rebuilt). */
  async isStateReady(): Promise<boolean> {
    return (await this.redis.client.exists(this.keys.stateReady)) === 1;
  }

  /** Takes the rebuild lock for `ttlMs` if nobody holds it; false when another scheduler is rebuilding. */
  async lockStateRebuild(holderId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.client.set(this.keys.stateRebuildLock, holderId, 'PX', ttlMs, 'NX')) === 'OK';
  }

  /** Marks the state rebuilt and ready, and lets go of the rebuild lock. */
  async markStateReady(): Promise<void> {
    await this.redis.client.multi().set(this.keys.stateReady, String(Date.now())).del(this.keys.stateRebuildLock).exec();
  }

  /** Writes a run rebuilt from Elasticsearch: its hash, indexes, and the bitmaps of its stored seqs. */
  async restore(run: RunState, processedSeqs: readonly number[], failedSeqs: readonly number[]): Promise<void> {
    const pipeline = this.redis.client.pipeline();
    pipeline.del(this.keys.run(run.id), this.keys.runProcessedSeqs(run.id), this.keys.runFailedSeqs(run.id));
    if (processedSeqs.length > 0) pipeline.set(this.keys.runProcessedSeqs(run.id), bitmapOf(processedSeqs));
    if (failedSeqs.length > 0) pipeline.set(this.keys.runFailedSeqs(run.id), bitmapOf(failedSeqs));
    pipeline.hset(this.keys.run(run.id), {
      ...definitionFields(run),
      reserved: run.reserved,
      published: run.published,
      processed: run.processed,
      failed: run.failed,
      revision: run.revision,
    });
    pipeline.zadd(this.keys.runsByCreation, 0, run.id);
    if ((run.status === 'running' || run.status === 'paused') && run.published < run.total) pipeline.sadd(this.keys.activeRuns, run.id);
    else pipeline.srem(this.keys.activeRuns, run.id);
    pipeline.publish(this.keys.runChangedChannel, run.id);
    await pipeline.exec();
  }

  /** Calls `onChange(runId)` whenever a run's state changes, from any process. */
  async onRunChanged(onChange: (runId: string) => void): Promise<void> {
    const subscriber = await this.redis.subscriberClient();
    subscriber.on('message', (channel: string, runId: string) => {
      if (channel === this.keys.runChangedChannel) onChange(runId);
    });
    await subscriber.subscribe(this.keys.runChangedChannel);
  }
}

const orEmpty = (value: number | string | null): string => (value === null ? '' : String(value));
const orNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);
const numberOrNull = (value: string | undefined): number | null => (orNull(value) === null ? null : Number(value));

/** The fields a compare-and-set may write: everything but the counters. */
function definitionFields(run: RunState): Record<string, string> {
  return {
    id: run.id,
    status: run.status,
    total: String(run.total),
    processor: run.processor,
    ratePerMinute: String(run.pace.ratePerMinute),
    paceAccrued: String(run.pace.accrued),
    paceSince: orEmpty(run.pace.since),
    throttleReason: orEmpty(run.throttleReason),
    createdAt: String(run.createdAt),
    startedAt: orEmpty(run.startedAt),
    updatedAt: String(run.updatedAt),
    finishedAt: orEmpty(run.finishedAt),
  };
}

function fromFields(fields: Record<string, string>): RunState | null {
  if (!fields['id']) return null;
  return {
    id: fields['id'],
    status: asStatus(fields['status']),
    total: Number(fields['total']),
    processor: asProcessor(fields['processor']),
    pace: {
      ratePerMinute: Number(fields['ratePerMinute']),
      accrued: Number(fields['paceAccrued']),
      since: numberOrNull(fields['paceSince']),
    },
    reserved: Number(fields['reserved'] ?? 0),
    published: Number(fields['published'] ?? 0),
    processed: Number(fields['processed'] ?? 0),
    failed: Number(fields['failed'] ?? 0),
    throttleReason: orNull(fields['throttleReason']),
    revision: Number(fields['revision'] ?? 0),
    createdAt: Number(fields['createdAt']),
    startedAt: numberOrNull(fields['startedAt']),
    updatedAt: Number(fields['updatedAt']),
    finishedAt: numberOrNull(fields['finishedAt']),
  };
}

function asStatus(value: string | undefined): RunStatus {
  const status = RUN_STATUSES.find((s) => s === value);
  if (!status) throw new Error(`stored run has an unknown status "${value}"`);
  return status;
}

function asProcessor(value: string | undefined): ProcessorName {
  const processor = PROCESSOR_NAMES.find((p) => p === value);
  if (!processor) throw new Error(`stored run has an unknown processor "${value}"`);
  return processor;
}
