import { Inject, Injectable, Logger } from '@nestjs/common';
import { redisKeys } from '@app/contracts';
import { RedisConnection, RedisLease } from '@app/infra';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/** One scheduler publishes at a time: the holder of a Redis lease, renewed at a third of its ttl. */
@Injectable()
export class LeadershipService {
  private readonly logger = new Logger(LeadershipService.name);
  private readonly lease: RedisLease;
  private leaderUntil = 0;
  private renewAt = 0;

  constructor(
    redis: RedisConnection,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {
    this.lease = new RedisLease(redis, redisKeys(config.namespace).schedulerLeader);
  }

  /** Whether this instance may publish now, renewing or taking the lease when due. */
  async isLeader(now: number): Promise<boolean> {
    if (now < this.renewAt) return true;
    const wasLeader = now < this.leaderUntil;
    const held = await this.lease.acquire(this.config.instanceId, this.config.leaseTtlMs);
    // Count validity from before the call: the lease may have been set at any moment during it.
    this.leaderUntil = held ? now + this.config.leaseTtlMs : 0;
    this.renewAt = held ? now + this.config.leaseTtlMs / 3 : 0;
    if (held !== wasLeader) this.logger.log(held ? `${this.config.instanceId} leads` : `${this.config.instanceId} is standby`);
    return held;
  }

  async resign(): Promise<void> {
    if (this.leaderUntil === 0) return;
    this.leaderUntil = 0;
    this.renewAt = 0;
    await this.lease.release(this.config.instanceId);
  }
}
