import { Logger } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import type { RedisStatus } from '@app/contracts';
import type { InfraConfig } from '../config/infra.config';
import { replicationNodes } from './replication-info';

const MAX_BACKOFF_MS = 2_000;

/** Where the process's Redis is: one server, or a master named by Sentinels. */
export type RedisTarget = Pick<InfraConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName'>;

const backoff = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), MAX_BACKOFF_MS);

/**
 * The options of a client of the master the Sentinels name: `REDIS_URL` gives only the user, password, database and
 * TLS. ioredis asks the Sentinels on every (re)connect. A master demoted under a connection (it was cut off, and
 * came back as a replica) answers writes with READONLY: the client then reconnects, to the master the Sentinels name
 * now. (ioredis' `failoverDetector` is not used: seen here ending a client for good when a failover was announced
 * while it was reconnecting.)
 */
export function sentinelOptions(target: RedisTarget): RedisOptions {
  const url = new URL(target.redisUrl);
  return {
    sentinels: target.redisSentinels,
    name: target.redisMasterName,
    ...(url.username !== '' && { username: decodeURIComponent(url.username) }),
    ...(url.password !== '' && { password: decodeURIComponent(url.password) }),
    db: Number(url.pathname.slice(1) || 0),
    ...(url.protocol === 'rediss:' && { tls: {}, enableTLSForSentinelMode: true }),
    sentinelRetryStrategy: backoff,
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  };
}

/**
 * The one ioredis client of a process (plus a dedicated subscriber connection on demand).
 * ioredis reconnects by itself; the backoff here is capped so a restarted Redis is picked up within seconds.
 */
export class RedisConnection {
  private readonly logger = new Logger(RedisConnection.name);
  private subscriber: Redis | null = null;

  private constructor(
    readonly client: Redis,
    private readonly target: RedisTarget,
  ) {}

  /** Connects to one server (a URL), or to the master the target's Sentinels name. */
  static async connect(target: RedisTarget | string): Promise<RedisConnection> {
    const to = typeof target === 'string' ? { redisUrl: target, redisSentinels: [], redisMasterName: '' } : target;
    // Commands issued in the same tick (a request's parallel reads, and those of requests served together) go out
    // in one write: a write per command was the largest cost of an api GET under load (the CPU profile in
    // docs/benchmarks.md, "Api latency"). Order and replies are as without it.
    const client = RedisConnection.createClient(to, { enableAutoPipelining: true });
    const connection = new RedisConnection(client, to);
    connection.watch(client, 'client');
    await client.connect();
    return connection;
  }

  private static createClient(target: RedisTarget, options: RedisOptions = {}): Redis {
    const common: RedisOptions = { ...options, lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: backoff };
    return target.redisSentinels.length === 0 ? new Redis(target.redisUrl, common) : new Redis({ ...sentinelOptions(target), ...common });
  }

  /** A second connection in subscriber mode (a subscribed connection can run no other command). */
  async subscriberClient(): Promise<Redis> {
    if (!this.subscriber) {
      this.subscriber = RedisConnection.createClient(this.target);
      this.watch(this.subscriber, 'subscriber');
      await this.subscriber.connect();
    }
    return this.subscriber;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  /** Memory, clients, and the master with its replicas, from `INFO`. */
  async stats(): Promise<RedisStatus> {
    const info = await this.client.info();
    const field = (name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
    return {
      usedMemoryBytes: field('used_memory'),
      connectedClients: field('connected_clients'),
      nodes: replicationNodes(info, this.masterAddress()),
    };
  }

  /** The server this client uses: the URL's, or behind Sentinels the master it was sent to. */
  private masterAddress(): string {
    if (this.target.redisSentinels.length > 0) return `${this.client.stream.remoteAddress}:${this.client.stream.remotePort}`;
    const url = new URL(this.target.redisUrl);
    return `${url.hostname}:${url.port || 6379}`;
  }

  async close(): Promise<void> {
    await Promise.all([this.client.quit(), this.subscriber?.quit()]);
  }

  private watch(client: Redis, role: string): void {
    let wasReady = false;
    client.on('ready', () => {
      // Behind Sentinels, which master it reached: after a failover, another one.
      const master = this.target.redisSentinels.length > 0 ? ` to master ${client.stream.remoteAddress}:${client.stream.remotePort}` : '';
      if (wasReady) this.logger.log(`redis ${role} reconnected${master}`);
      else if (master) this.logger.log(`redis ${role} connected${master}`);
      wasReady = true;
    });
    client.on('error', (error: Error) => this.logger.warn(`redis ${role}: ${error.message}`));
  }
}
