import { Injectable, Optional } from '@nestjs/common';
import type { BackingService, DependencyReport, ReadinessReport } from '@app/contracts';
import { AmqpConnection } from '../amqp/amqp.connection';
import { ElasticsearchConnection } from '../elasticsearch/elasticsearch.connection';
import { RedisConnection } from '../redis/redis.connection';

const CHECK_TIMEOUT_MS = 2_000;

/** Checks the backing services this process was built with (the api has all three). */
@Injectable()
export class ReadinessService {
  constructor(
    @Optional() private readonly redis?: RedisConnection,
    @Optional() private readonly amqp?: AmqpConnection,
    @Optional() private readonly elasticsearch?: ElasticsearchConnection,
  ) {}

  async check(): Promise<ReadinessReport> {
    const { redis, amqp, elasticsearch } = this;
    const checks: [BackingService, () => Promise<void>][] = [];
    if (redis) checks.push(['redis', () => redis.ping()]);
    if (amqp) checks.push(['rabbitmq', async () => assertConnected(amqp)]);
    if (elasticsearch) checks.push(['elasticsearch', () => elasticsearch.ping()]);
    const results = await Promise.all(checks.map(async ([name, check]) => [name, await probe(check)] as const));
    const dependencies = Object.fromEntries(results);
    const status = results.every(([, result]) => result.status === 'up') ? 'ok' : 'unavailable';
    return { status, dependencies };
  }
}

function assertConnected(amqp: AmqpConnection): void {
  if (!amqp.connected) throw new Error('not connected');
}

async function probe(check: () => Promise<void>): Promise<DependencyReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
