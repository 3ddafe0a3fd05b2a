import { Inject, Injectable } from '@nestjs/common';
import type { SystemStatus } from '@app/contracts';
import { probeWithin } from '@app/domain';
import { AmqpConnection, ElasticsearchConnection, LeaderLease, RedisConnection, WorkerRegistry } from '@app/infra';
import { API_CONFIG, type ApiConfig } from '../api.config';

/**
 * The seeds' fan-out with a deadline: every backend is asked at once and each answer is bounded by the same
 * deadline, so the whole answer takes the deadline at most (plus a little) however slow one backend is, and
 * says which did not answer in time instead of waiting for it.
 */
@Injectable()
export class StatusService {
  constructor(
    private readonly redis: RedisConnection,
    private readonly amqp: AmqpConnection,
    private readonly elasticsearch: ElasticsearchConnection,
    private readonly lease: LeaderLease,
    private readonly workers: WorkerRegistry,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async status(): Promise<SystemStatus> {
    const deadlineMs = this.config.statusDeadlineMs;
    const within = <T>(task: (signal: AbortSignal) => Promise<T>) => probeWithin(deadlineMs, task);
    const { jobsQueue, deadLetterQueue } = this.amqp.names;
    const [redis, rabbitmq, elasticsearch, schedulers, workers] = await Promise.all([
      within(() => this.redis.stats()),
      within((signal) => this.amqp.status([jobsQueue, deadLetterQueue], signal)),
      within((signal) => this.elasticsearch.status(signal)),
      within(async () => {
        const held = await this.lease.holder();
        return { leader: held?.holder ?? null, epoch: held?.epoch ?? null };
      }),
      within(() => this.workers.live(Date.now())),
    ]);
    return { checkedAt: new Date().toISOString(), deadlineMs, redis, rabbitmq, elasticsearch, schedulers, workers };
  }
}
