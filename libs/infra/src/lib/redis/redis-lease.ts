import { ACQUIRE_LEASE_SCRIPT, RELEASE_LEASE_SCRIPT } from './redis-scripts';
import type { RedisConnection } from './redis.connection';

/**
 * A lease in Redis that at most one holder has at a time; it lapses unless renewed within its ttl.
 * Each acquisition gets a new fencing token, which writes guarded by the lease must present.
 */
export class RedisLease {
  constructor(
    private readonly redis: RedisConnection,
    readonly key: string,
    private readonly epochKey: string,
  ) {}

  /** Renews `token` or takes the lease if free; returns the token held, or null when another holds it. */
  async acquire(token: string | null, holderId: string, ttlMs: number): Promise<string | null> {
    const held = await this.redis.client.eval(ACQUIRE_LEASE_SCRIPT, 2, this.key, this.epochKey, token ?? '', holderId, ttlMs);
    return typeof held === 'string' ? held : null;
  }

  async release(token: string): Promise<void> {
    await this.redis.client.eval(RELEASE_LEASE_SCRIPT, 1, this.key, token);
  }
}
