import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { METRIC_NAMES } from '@app/contracts';

/** The worker's job counters on `/metrics`, and what it processed so far for its heartbeat. */
@Injectable()
export class WorkerMetrics {
  private readonly processed: Counter;
  readonly duplicates: Counter;
  readonly retried: Counter;
  readonly failed: Counter;
  readonly deadLettered: Counter;
  private processedSoFar = 0;

  constructor(registry: Registry) {
    const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
    this.processed = counter(METRIC_NAMES.workerJobsProcessed, 'Jobs stored and counted');
    this.duplicates = counter(METRIC_NAMES.workerJobsDuplicate, 'Redelivered jobs stored again under the same id but not counted again');
    this.retried = counter(METRIC_NAMES.workerJobsRetried, 'Failed attempts sent to a retry queue');
    this.failed = counter(METRIC_NAMES.workerJobsFailed, 'Jobs that failed their last attempt, recorded and counted as failed');
    this.deadLettered = counter(METRIC_NAMES.workerJobsDeadLettered, 'Malformed or orphaned messages moved to the dead-letter queue');
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
