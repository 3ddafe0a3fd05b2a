import type { RedisKeys } from '@app/contracts';
import { RECORD_PUBLISHED_SCRIPT, RESERVE_SCRIPT } from './redis-scripts';
import type { LeaderLease } from './leader-lease';
import type { RedisConnection } from './redis.connection';

export type ReserveOutcome = number | 'not-running' | 'fenced';

/** The leading scheduler's side of a run: claiming seqs to publish (fenced by the leader lease), then recording them published. */
export class PublishClaims {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly lease: LeaderLease,
  ) {}

  /** Claims seqs up to `upTo` for publishing, if `leaseToken` still holds the leader lease. */
  async reserve(runId: string, leaseToken: string, upTo: number): Promise<ReserveOutcome> {
    const result = (await this.redis.client.eval(RESERVE_SCRIPT, 2, this.keys.run(runId), this.lease.key, leaseToken, upTo)) as number;
    return result === -1 ? 'not-running' : result === -2 ? 'fenced' : result;
  }

  /** Records that seqs 1..published are confirmed by the broker (never lowers the count). */
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
}
