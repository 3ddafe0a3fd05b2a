import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { METRIC_NAMES } from '@app/contracts';

/** The worker's job counters on `/metrics`, and what it processed so far for its heartbeat. */
@Injectable()
export class WorkerMetrics {
  private readonly processed: Counter;
  readonly duplicates: Counter;
  readonly retried: Counter;
  readonly failed: Counter;
  readonly deadLettered: Counter;
  /** Seconds of one bulk request storing a batch in Elasticsearch. */
  readonly bulkStoreSeconds: Histogram;
  /** Seconds of one count-once script call (a batch of one run) in Redis. */
  readonly countScriptSeconds: Histogram;
  private processedSoFar = 0;

  constructor(registry: Registry) {
    const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
    this.processed = counter(METRIC_NAMES.workerJobsProcessed, 'Jobs stored and counted');
    this.duplicates = counter(METRIC_NAMES.workerJobsDuplicate, 'Redelivered jobs stored again under the same id but not counted again');
    this.retried = counter(METRIC_NAMES.workerJobsRetried, 'Failed attempts sent to a retry queue');
    this.failed = counter(METRIC_NAMES.workerJobsFailed, 'Jobs that failed their last attempt, recorded and counted as failed');
    this.deadLettered = counter(METRIC_NAMES.workerJobsDeadLettered, 'Malformed or orphaned messages moved to the dead-letter queue');
    const seconds = (name: string, help: string, buckets: number[]) => new Histogram({ name, help, buckets, registers: [registry] });
    this.bulkStoreSeconds = seconds(
      METRIC_NAMES.workerBulkStoreSeconds,
      'Elasticsearch bulk request storing a batch',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
    this.countScriptSeconds = seconds(
      METRIC_NAMES.workerCountScriptSeconds,
      'Redis count-once script call for a batch of one run',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    );
  }

  /** Times `task` into `histogram`, failures included. */
  async timed<T>(histogram: Histogram, task: () => Promise<T>): Promise<T> {
    const stop = histogram.startTimer();
    try {
      return await task();
    } finally {
      stop();
    }
  }

  /** Jobs this worker stored and counted since it started. */
  get processedTotal(): number {
    return this.processedSoFar;
  }

  countProcessed(jobs: number): void {
    this.processed.inc(jobs);
    this.processedSoFar += jobs;
  }
}
