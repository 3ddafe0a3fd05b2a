import { Inject, Injectable, Logger } from '@nestjs/common';
import { LeaderLease } from '@app/infra';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/**
 * One scheduler publishes at a time: the holder of a Redis lease, renewed at a third of its ttl. Its
 * fencing token goes with every claim of seqs, so a deposed leader that wakes up late claims nothing.
 */
@Injectable()
export class LeadershipService {
  private readonly logger = new Logger(LeadershipService.name);
  private token: string | null = null;
  private renewAt = 0;

  constructor(
    private readonly lease: LeaderLease,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
    private readonly metrics: SchedulerMetrics,
  ) {}

  /** The fencing token when this instance may publish now (renewing or taking the lease when due), else null. */
  async leaderToken(now: number): Promise<string | null> {
    if (this.token !== null && now < this.renewAt) return this.token;
    const held = await this.lease.acquire(this.token, this.config.instanceId, this.config.leaseTtlMs);
    if (held !== this.token)
      this.logger.log(held ? `${this.config.instanceId} leads (token ${held})` : `${this.config.instanceId} is standby`);
    this.token = held;
    this.metrics.setLeading(held !== null);
    this.renewAt = now + this.config.leaseTtlMs / 3;
    return held;
  }

  /**
   * Whether this instance held the lease at its last renewal, without touching the lease: for work that only the
   * leader does but that must not decide who leads.
   */
  get leading(): boolean {
    return this.token !== null;
  }

  async resign(): Promise<void> {
    if (this.token === null) return;
    await this.lease.release(this.token);
    this.token = null;
    this.metrics.setLeading(false);
  }
}
