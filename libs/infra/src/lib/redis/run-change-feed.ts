import type { RedisKeys } from '@app/contracts';
import type { RedisConnection } from './redis.connection';

/** Notifications that a run's state changed, from any process (Redis pub/sub, on the connection's subscriber). */
export class RunChangeFeed {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** Calls `onChange(runId)` whenever a run's state changes. */
  async subscribe(onChange: (runId: string) => void): Promise<void> {
    const subscriber = await this.redis.subscriberClient();
    subscriber.on('message', (channel: string, runId: string) => {
      if (channel === this.keys.runChangedChannel) onChange(runId);
    });
    await subscriber.subscribe(this.keys.runChangedChannel);
  }
}
