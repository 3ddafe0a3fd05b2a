import type { RedisKeys } from '@app/contracts';
import { ACQUIRE_LEASE_SCRIPT, RELEASE_LEASE_SCRIPT } from './redis-scripts';
import type { RedisConnection } from './redis.connection';

/**
 * The schedulers' leader lease in Redis: at most one holder at a time, lapsing unless renewed within its ttl.
 * Each acquisition gets a new fencing token (holder id and an epoch that only grows), which every claim of seqs
 * must present (`PublishClaims`), so a deposed leader that wakes up late claims nothing.
 */
export class LeaderLease {
  readonly key: string;
  private readonly epochKey: string;

  constructor(
    private readonly redis: RedisConnection,
    keys: RedisKeys,
  ) {
    this.key = keys.schedulerLeader;
    this.epochKey = keys.schedulerLeaderEpoch;
  }

  /** Renews `token` or takes the lease if free; returns the token held, or null when another holds it. */
  async acquire(token: string | null, holderId: string, ttlMs: number): Promise<string | null> {
    const held = await this.redis.client.eval(ACQUIRE_LEASE_SCRIPT, 2, this.key, this.epochKey, token ?? '', holderId, ttlMs);
    return typeof held === 'string' ? held : null;
  }

  /** Who holds the lease now and under which epoch; null while nobody does. */
  async holder(): Promise<{ holder: string; epoch: number } | null> {
    const token = await this.redis.client.get(this.key);
    if (token === null) return null;
    const at = token.lastIndexOf('#');
    return { holder: token.slice(0, at), epoch: Number(token.slice(at + 1)) };
  }

  async release(token: string): Promise<void> {
    await this.redis.client.eval(RELEASE_LEASE_SCRIPT, 1, this.key, token);
  }
}
