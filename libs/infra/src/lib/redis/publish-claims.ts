import type { RedisKeys } from '@app/contracts';
import { RECORD_PUBLISHED_SCRIPT, RESERVE_SCRIPT } from './redis-scripts';
import type { LeaderLease } from './leader-lease';
import type { RedisConnection } from './redis.connection';

export type ReserveOutcome = number | 'not-running' | 'fenced' | 'changed' | 'rebuilding';

const CLAIM_REFUSALS: Record<number, ReserveOutcome> = { [-1]: 'not-running', [-2]: 'fenced', [-3]: 'changed', [-4]: 'rebuilding' };

/** The leading scheduler's side of a run: claiming seqs to publish (fenced by the leader lease), then recording them published. */
export class PublishClaims {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly lease: LeaderLease,
  ) {}

  /**
   * Claims seqs up to `upTo` for publishing, if `leaseToken` still holds the leader lease and the run is still at
   * the `revision` `upTo` was computed from ('changed' otherwise: the next tick reads the new schedule).
   */
  async reserve(runId: string, leaseToken: string, upTo: number, revision: number): Promise<ReserveOutcome> {
    const result = (await this.redis.client.eval(
      RESERVE_SCRIPT,
      3,
      this.keys.run(runId),
      this.lease.key,
      this.keys.stateReady,
      leaseToken,
      upTo,
      revision,
    )) as number;
    return CLAIM_REFUSALS[result] ?? result;
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
