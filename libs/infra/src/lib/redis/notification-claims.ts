import type { RedisKeys } from '@app/contracts';
import { HOLD_NOTIFICATION_CLAIM_SCRIPT } from './redis-scripts';
import type { RedisConnection } from './redis.connection';

/**
 * Who may send a run's completion callback now: one key per run, taken only if free, that lapses by itself. A
 * scheduler holds it for an attempt in flight, then for the backoff before the next one, so two schedulers that both
 * believe they lead (a deposed one not yet aware) never send at once, and a restart does not cut a backoff short.
 */
export class NotificationClaims {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** Takes the run's claim for `ttlMs` if nobody holds it; false while another attempt or a backoff holds it. */
  async claim(runId: string, holderId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.client.set(this.keys.runNotificationClaim(runId), holderId, 'PX', ttlMs, 'NX')) === 'OK';
  }

  /** Keeps the claim `ms` more (the backoff before the next attempt), unless another holder took it meanwhile. */
  async holdFor(runId: string, holderId: string, ms: number): Promise<void> {
    await this.redis.client.eval(
      HOLD_NOTIFICATION_CLAIM_SCRIPT,
      1,
      this.keys.runNotificationClaim(runId),
      holderId,
      Math.max(1, Math.round(ms)),
    );
  }
}
