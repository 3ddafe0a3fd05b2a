import { ACQUIRE_LEASE_SCRIPT, RELEASE_LEASE_SCRIPT } from './redis-scripts';
import type { RedisConnection } from './redis.connection';

/** A lease in Redis that at most one holder has at a time; it lapses unless renewed within its ttl. */
export class RedisLease {
  constructor(
    private readonly redis: RedisConnection,
    private readonly key: string,
  ) {}

  async acquire(holderId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.client.eval(ACQUIRE_LEASE_SCRIPT, 1, this.key, holderId, ttlMs)) === 1;
  }

  async release(holderId: string): Promise<void> {
    await this.redis.client.eval(RELEASE_LEASE_SCRIPT, 1, this.key, holderId);
  }
}
