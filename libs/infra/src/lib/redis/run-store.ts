import type { RedisKeys } from '@app/contracts';
import { ACHIEVED_RATE_WINDOW_SECONDS, achievedRatePerMinute, type RunState } from '@app/domain';
import { SAVE_RUN_SCRIPT } from './redis-scripts';
import { definitionFields, fromHashFields, hashFields } from './run-hash';
import type { RedisConnection } from './redis.connection';

/** `rebuilding`: nothing saved while the hot state is rebuilt from Elasticsearch (`HotState`). */
export type SaveOutcome = 'saved' | 'stale' | 'total-below-claimed' | 'rebuilding';

const SAVE_OUTCOMES: Record<number, SaveOutcome> = { 1: 'saved', 0: 'stale', [-1]: 'total-below-claimed', [-2]: 'rebuilding' };

/**
 * Runs in Redis as the api and the schedulers read and change them: create, read, list, and save a changed
 * definition with compare-and-set. Counting (`RunCounters`), claiming (`PublishClaims`), rebuilding (`HotState`)
 * and change notifications (`RunChangeFeed`) have classes of their own.
 */
export class RunStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async create(run: RunState): Promise<void> {
    await this.redis.client
      .multi()
      .hset(this.keys.run(run.id), hashFields(run))
      .zadd(this.keys.runsByCreation, 0, run.id)
      .sadd(this.keys.activeRuns, run.id)
      .publish(this.keys.runChangedChannel, run.id)
      .exec();
  }

  async get(runId: string): Promise<RunState | null> {
    return fromHashFields(await this.redis.client.hgetall(this.keys.run(runId)));
  }

  /** Run ids, newest first (ids sort by creation time), after `cursor` when given. */
  async listIds(limit: number, cursor?: string): Promise<string[]> {
    const max = cursor ? `(${cursor}` : '+';
    return this.redis.client.zrevrangebylex(this.keys.runsByCreation, max, '-', 'LIMIT', 0, limit);
  }

  /** The given runs in one round trip; unknown ids are left out. */
  async getMany(runIds: readonly string[]): Promise<RunState[]> {
    if (runIds.length === 0) return [];
    const pipeline = this.redis.client.pipeline();
    for (const id of runIds) pipeline.hgetall(this.keys.run(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([, fields]) => fromHashFields(fields as Record<string, string>)).filter((run): run is RunState => run !== null);
  }

  /** Runs the schedulers still publish for. */
  async activeRunIds(): Promise<string[]> {
    return this.redis.client.smembers(this.keys.activeRuns);
  }

  /**
   * Saves a changed definition, schedule or status if nobody changed the run, nor claimed more of it, since it
   * was read (`revision`, `reserved`); counters are left to their own atomic updates.
   */
  async save(run: RunState, nowMs: number): Promise<SaveOutcome> {
    const fields = Object.entries(definitionFields(run)).flat();
    const result = await this.redis.client.eval(
      SAVE_RUN_SCRIPT,
      3,
      this.keys.run(run.id),
      this.keys.activeRuns,
      this.keys.stateReady,
      run.revision,
      run.reserved,
      nowMs,
      this.keys.runChangedChannel,
      run.id,
      ...fields,
    );
    return SAVE_OUTCOMES[result as number] as SaveOutcome;
  }

  /**
   * The run's achieved rate at `nowMs` (`achievedRatePerMinute`): from the records processed in each of the last
   * `ACHIEVED_RATE_WINDOW_SECONDS` whole seconds, as the run JSON, the rate history and the callback all show it.
   */
  async achievedRatePerMinute(run: Pick<RunState, 'id' | 'startedAt'>, nowMs: number): Promise<number> {
    const seconds = ACHIEVED_RATE_WINDOW_SECONDS;
    const current = Math.floor(nowMs / 1000);
    const fields = Array.from({ length: seconds }, (_, i) => String(current - seconds + i));
    const counts = await this.redis.client.hmget(this.keys.runProcessedPerSecond(run.id), ...fields);
    return achievedRatePerMinute(
      counts.map((count) => Number(count ?? 0)),
      run.startedAt,
      nowMs,
    );
  }
}
