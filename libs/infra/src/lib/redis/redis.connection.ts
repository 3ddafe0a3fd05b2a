import { Logger } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

const MAX_BACKOFF_MS = 2_000;

/**
 * The one ioredis client of a process (plus a dedicated subscriber connection on demand).
 * ioredis reconnects by itself; the backoff here is capped so a restarted Redis is picked up within seconds.
 */
export class RedisConnection {
  private readonly logger = new Logger(RedisConnection.name);
  private subscriber: Redis | null = null;

  private constructor(
    readonly client: Redis,
    private readonly url: string,
  ) {}

  static async connect(url: string): Promise<RedisConnection> {
    // Commands issued in the same tick (a request's parallel reads, and those of requests served together) go out
    // in one write: a write per command was the largest cost of an api GET under load (the CPU profile in
    // docs/benchmarks.md, "Api latency"). Order and replies are as without it.
    const client = RedisConnection.createClient(url, { enableAutoPipelining: true });
    const connection = new RedisConnection(client, url);
    connection.watch(client, 'client');
    await client.connect();
    return connection;
  }

  private static createClient(url: string, options: RedisOptions = {}): Redis {
    return new Redis(url, {
      ...options,
      lazyConnect: true,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), MAX_BACKOFF_MS),
    });
  }

  /** A second connection in subscriber mode (a subscribed connection can run no other command). */
  async subscriberClient(): Promise<Redis> {
    if (!this.subscriber) {
      this.subscriber = RedisConnection.createClient(this.url);
      this.watch(this.subscriber, 'subscriber');
      await this.subscriber.connect();
    }
    return this.subscriber;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  /** Memory and clients, from `INFO`. */
  async stats(): Promise<{ usedMemoryBytes: number; connectedClients: number }> {
    const info = await this.client.info();
    const field = (name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
    return { usedMemoryBytes: field('used_memory'), connectedClients: field('connected_clients') };
  }

  async close(): Promise<void> {
    await Promise.all([this.client.quit(), this.subscriber?.quit()]);
  }

  private watch(client: Redis, role: string): void {
    let wasReady = false;
    client.on('ready', () => {
      if (wasReady) this.logger.log(`redis ${role} reconnected`);
      wasReady = true;
    });
    client.on('error', (error: Error) => this.logger.warn(`redis ${role}: ${error.message}`));
  }
}
