import { availableParallelism, hostname } from 'node:os';
import { envInt, envString, loadInfraConfig, type Env, type InfraConfig } from '@app/infra';

export interface WorkerConfig extends InfraConfig {
  workerId: string;
  /** Unacked jobs RabbitMQ may hand this worker at once. */
  prefetch: number;
  /** Jobs stored in one Elasticsearch bulk request and counted in one Redis call. */
  batchSize: number;
  /** How long a partial batch waits for more jobs. */
  batchWaitMs: number;
  /** Pause before returning jobs to the queue after Elasticsearch failed, so an outage is not hammered. */
  retryDelayMs: number;
  /** Attempts a job gets in all before it is dead-lettered when its processor fails. */
  maxAttempts: number;
  /** Delay before a failed job's second attempt; each later one waits twice as long. */
  retryBaseDelayMs: number;
  /** Consecutive failures to store in Elasticsearch that open the circuit (the worker stops taking jobs). */
  breakerFailures: number;
  /** How long the circuit stays open before a probe; doubling after each failed probe up to the maximum. */
  breakerOpenMs: number;
  breakerMaxOpenMs: number;
  /** Threads of the `hash` processor's pool, which keep its CPU-bound work off the event loop. */
  hashPoolThreads: number;
  /** How much lower the pool's threads run than the event loop's (nice(2) increment, 0 to 19). */
  hashPoolNice: number;
  /** Requests the `http` processor has in flight at once, over all runs (each run's `concurrency` caps its own). */
  httpMaxInFlight: number;
}

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export function loadWorkerConfig(env: Env): WorkerConfig {
  const batchSize = envInt(env, 'WORKER_BATCH_SIZE', 250, 1, 5_000);
  return {
    ...loadInfraConfig(env, 3020),
    workerId: envString(env, 'WORKER_ID', `${hostname()}-${process.pid}`),
    prefetch: envInt(env, 'WORKER_PREFETCH', batchSize * 2, batchSize, 20_000),
    batchSize,
    batchWaitMs: envInt(env, 'WORKER_BATCH_WAIT_MS', 20, 1, 5_000),
    retryDelayMs: envInt(env, 'WORKER_RETRY_DELAY_MS', 1_000, 0, 60_000),
    maxAttempts: envInt(env, 'JOB_MAX_ATTEMPTS', 3, 1, 20),
    retryBaseDelayMs: envInt(env, 'JOB_RETRY_BASE_DELAY_MS', 1_000, 10, 600_000),
    breakerFailures: envInt(env, 'ES_BREAKER_FAILURES', 3, 1, 1_000),
    breakerOpenMs: envInt(env, 'ES_BREAKER_OPEN_MS', 1_000, 10, 600_000),
    breakerMaxOpenMs: envInt(env, 'ES_BREAKER_MAX_OPEN_MS', 5_000, 10, 3_600_000),
    hashPoolThreads: envInt(env, 'HASH_POOL_THREADS', availableParallelism(), 1, 256),
    hashPoolNice: envInt(env, 'HASH_POOL_NICE', 10, 0, 19),
    httpMaxInFlight: envInt(env, 'HTTP_MAX_IN_FLIGHT', 256, 1, 10_000),
  };
}
