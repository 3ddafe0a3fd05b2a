import type { RedisKeys } from '@app/contracts';
import type { RedisConnection } from './redis.connection';

/**
 * An `http` run's endpoint asking for less: a worker that got a 429, a 5xx or a timeout says so for as long as the
 * endpoint asked (its `Retry-After`, or the retry's backoff), and the scheduler holds the run back meanwhile instead
 * of piling up retries. The key lapses by itself, and the run returns to its pace.
 */
export class DestinationPushback {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** Holds the run back for `ms` with `reason`; a later, longer hold replaces a shorter one. */
  async hold(runId: string, reason: string, ms: number): Promise<void> {
    const key = this.keys.runDestinationPushback(runId);
    const left = await this.redis.client.pttl(key);
    if (left >= ms) return;
    await this.redis.client.set(key, reason, 'PX', Math.max(1, Math.round(ms)));
  }

  /** Why each of these runs is held back by its endpoint, for those that are. */
  async reasons(runIds: readonly string[]): Promise<Map<string, string>> {
    if (runIds.length === 0) return new Map();
    const values = await this.redis.client.mget(...runIds.map((id) => this.keys.runDestinationPushback(id)));
    return new Map(runIds.flatMap((id, i) => (values[i] === null ? [] : [[id, values[i] as string] as const])));
  }
}
