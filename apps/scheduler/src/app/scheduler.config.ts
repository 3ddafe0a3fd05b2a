import { hostname } from 'node:os';
import type { DemandPolicy, NotificationPolicy } from '@app/domain';
import { envInt, envString, loadInfraConfig, type Env, type InfraConfig } from '@app/infra';

export interface SchedulerConfig extends InfraConfig {
  /** This instance's name in the leader lease. */
  instanceId: string;
  /** How often the leader checks which records are due. */
  tickMs: number;
  /** How long leadership lasts without renewal; a standby takes over after it. */
  leaseTtlMs: number;
  /** Upper bound of one publish burst, so a confirm round-trip never holds a huge batch. */
  maxPublishBatch: number;
  /** A run is held back while more than this many seconds of its rate are queued... */
  backpressureSeconds: number;
  /** ...or, for slow runs, more than this many jobs. */
  backpressureMinQueued: number;
  /** How often changed runs are written to their durable record in Elasticsearch. */
  archiveIntervalMs: number;
  /** How often the leader samples each run into its rate history; a second at most, the history's resolution. */
  historyIntervalMs: number;
  /** How a run's completion callback is retried: attempts in all, the first backoff (doubled each time), one attempt's timeout. */
  notify: NotificationPolicy;
  /** How the workers the runs need (`scheduler_workers_needed`, for an autoscaler) are reckoned. */
  demand: DemandPolicy;
}

export const SCHEDULER_CONFIG = Symbol('SCHEDULER_CONFIG');

export function loadSchedulerConfig(env: Env): SchedulerConfig {
  return {
    ...loadInfraConfig(env, 3010),
    instanceId: envString(env, 'SCHEDULER_ID', `${hostname()}-${process.pid}`),
    tickMs: envInt(env, 'SCHEDULER_TICK_MS', 20, 5, 1_000),
    leaseTtlMs: envInt(env, 'SCHEDULER_LEASE_TTL_MS', 3_000, 1_000, 60_000),
    maxPublishBatch: envInt(env, 'SCHEDULER_MAX_PUBLISH_BATCH', 5_000, 1, 100_000),
    backpressureSeconds: envInt(env, 'BACKPRESSURE_QUEUED_SECONDS', 30, 1, 3_600),
    backpressureMinQueued: envInt(env, 'BACKPRESSURE_MIN_QUEUED', 1_000, 1, 10_000_000),
    archiveIntervalMs: envInt(env, 'RUN_ARCHIVE_INTERVAL_MS', 2_000, 100, 60_000),
    historyIntervalMs: envInt(env, 'RUN_HISTORY_INTERVAL_MS', 1_000, 1_000, 60_000),
    notify: {
      maxAttempts: envInt(env, 'NOTIFY_MAX_ATTEMPTS', 8, 1, 20),
      baseDelayMs: envInt(env, 'NOTIFY_RETRY_BASE_DELAY_MS', 1_000, 10, 600_000),
      timeoutMs: envInt(env, 'NOTIFY_TIMEOUT_MS', 10_000, 100, 60_000),
    },
    demand: {
      backlogSeconds: envInt(env, 'AUTOSCALE_BACKLOG_SECONDS', 60, 1, 3_600),
      assumedWorkerRatePerMinute: envInt(env, 'AUTOSCALE_WORKER_RATE_PER_MINUTE', 30_000, 1, 100_000_000),
    },
  };
}
