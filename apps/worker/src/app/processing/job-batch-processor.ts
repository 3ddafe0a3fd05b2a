import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseJobMessage, type JobMessage } from '@app/contracts';
import { deliveryRetryDelayMs, onFailure, type RetryPolicy } from '@app/domain';
import { JobQueue, ResultStore, RunCounters, runLog, type Delivery, type StoredDocument } from '@app/infra';
import { JobProcessors } from '../processors/job-processors';
import { WORKER_CONFIG, type WorkerConfig } from '../worker.config';
import { StorageCircuit } from './storage-circuit';
import { WorkerMetrics } from './worker-metrics';

interface ValidJob {
  delivery: Delivery;
  job: JobMessage;
}

/** A job's outcome that is stored: its result, or its dead letter after the last failed attempt. */
interface Outcome {
  delivery: Delivery;
  stored: StoredDocument;
}

/**
 * Handles one batch: dead-letters malformed jobs; computes the rest; sends jobs whose processor failed
 * to a retry queue (exponential backoff, the consumer never waits) until their last attempt; stores the
 * results and the dead letters of last attempts in one bulk request; counts them exactly once; and only
 * then acks. A crash anywhere before the ack leaves the job to be redelivered, rewritten under the same
 * id and not counted again.
 */
@Injectable()
export class JobBatchProcessor {
  private readonly logger = new Logger(JobBatchProcessor.name);
  private readonly retryPolicy: RetryPolicy;

  constructor(
    private readonly jobs: JobQueue,
    private readonly processors: JobProcessors,
    private readonly results: ResultStore,
    private readonly counters: RunCounters,
    private readonly storage: StorageCircuit,
    private readonly metrics: WorkerMetrics,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    this.retryPolicy = { maxAttempts: config.maxAttempts, baseDelayMs: config.retryBaseDelayMs };
  }

  async process(batch: Delivery[]): Promise<void> {
    try {
      const valid = await this.takeValid(batch);
      const outcomes = await this.computeOrRetry(valid);
      if (outcomes.length > 0) await this.storeAndCount(outcomes);
    } catch (error) {
      // Elasticsearch, Redis or RabbitMQ failed mid-batch: return every job still held for a later retry.
      this.logger.warn(`batch of ${batch.length} failed, requeueing after ${this.config.retryDelayMs} ms: ${(error as Error).message}`);
      await delay(this.config.retryDelayMs);
      for (const delivery of batch) delivery.nack(true);
    }
  }

  private async takeValid(batch: Delivery[]): Promise<ValidJob[]> {
    const valid: ValidJob[] = [];
    for (const delivery of batch) {
      const parsed = parseJobMessage(delivery.message.content);
      if (parsed.ok) valid.push({ delivery, job: parsed.job });
      else await this.deadLetter(delivery, `invalid job: ${parsed.reason}`);
    }
    return valid;
  }

  /**
   * Runs each job's processor. A failure that another attempt may mend goes to a retry queue (after the backoff, or
   * the endpoint's `Retry-After` if longer) and is acked, until the last attempt; one that will not (an endpoint's
   * 4xx) is a dead letter at once.
   */
  private async computeOrRetry(jobs: ValidJob[]): Promise<Outcome[]> {
    const computed = await this.processors.compute(jobs.map(({ job }) => job));
    const now = new Date().toISOString();
    const outcomes: Outcome[] = [];
    const retries = new Map<number, ValidJob[]>();
    jobs.forEach(({ delivery, job }, i) => {
      const result = computed[i];
      const common = { runId: job.runId, seq: job.seq, input: job.input, processor: job.processor, workerId: this.config.workerId };
      const publishedAt = new Date(job.publishedAt).toISOString();
      if (result.ok) {
        const document = { ...common, output: result.output, ...(result.delivery && { delivery: result.delivery }) };
        outcomes.push({
          delivery,
          stored: { kind: 'result', document: { ...document, attempt: job.attempt, publishedAt, processedAt: now } },
        });
        return;
      }
      const decision = result.retryable ? onFailure(this.retryPolicy, job.attempt) : null;
      if (decision?.retry) {
        pushTo(retries, deliveryRetryDelayMs(decision.delayMs, result.retryAfterMs), {
          delivery,
          job: { ...job, attempt: decision.nextAttempt },
        });
        return;
      }
      const document = { ...common, error: result.error, ...(result.delivery && { delivery: result.delivery }) };
      outcomes.push({
        delivery,
        stored: { kind: 'failure', document: { ...document, attempts: job.attempt, publishedAt, failedAt: now } },
      });
    });
    for (const [delayMs, waiting] of retries) {
      await this.jobs.publishForRetry(
        delayMs,
        waiting.map(({ job }) => job),
      );
      for (const { delivery } of waiting) delivery.ack();
      this.metrics.retried.inc(waiting.length);
    }
    return outcomes;
  }

  private async storeAndCount(outcomes: Outcome[]): Promise<void> {
    const stored = await this.storage.call(() =>
      this.metrics.timed(this.metrics.bulkStoreSeconds, () => this.results.storeMany(outcomes.map(({ stored }) => stored))),
    );
    for (const { index, reason } of stored.failed) {
      const { document } = outcomes[index].stored;
      this.logger.warn(runLog(document.runId, `storing seq ${document.seq} failed, requeueing: ${reason}`, { seq: document.seq }));
      outcomes[index].delivery.nack(true);
    }
    // Acked together once every run of the batch is counted: one frame for the batch rather than one per job.
    const counted: Delivery[] = [];
    for (const [runId, runOutcomes] of groupByRun(stored.stored.map((index) => outcomes[index]))) {
      const results = runOutcomes.filter(({ stored }) => stored.kind === 'result');
      const failures = runOutcomes.filter(({ stored }) => stored.kind === 'failure');
      if (!(await this.countResults(runId, results)) || !(await this.countFailures(runId, failures))) {
        for (const { delivery } of runOutcomes) await this.deadLetter(delivery, `unknown run ${runId}`, runId);
        continue;
      }
      for (const { delivery } of runOutcomes) counted.push(delivery);
    }
    this.jobs.ackAll(counted);
  }

  /** Counts results once; a replayed dead letter that now succeeded loses its failure record. False for an unknown run. */
  private async countResults(runId: string, results: Outcome[]): Promise<boolean> {
    if (results.length === 0) return true;
    const counted = await this.metrics.timed(this.metrics.countScriptSeconds, () =>
      this.counters.countProcessed(runId, seqsOf(results), Date.now()),
    );
    if (counted === null) return false;
    await this.results.deleteFailures(runId, counted.movedFromFailed);
    this.metrics.countProcessed(counted.added);
    this.metrics.duplicates.inc(results.length - counted.added);
    return true;
  }

  private async countFailures(runId: string, failures: Outcome[]): Promise<boolean> {
    if (failures.length === 0) return true;
    const counted = await this.metrics.timed(this.metrics.countScriptSeconds, () =>
      this.counters.countFailed(runId, seqsOf(failures), Date.now()),
    );
    if (counted === null) return false;
    this.metrics.failed.inc(counted);
    for (const { stored } of failures) {
      if (stored.kind === 'failure')
        this.logger.warn(
          runLog(runId, `seq ${stored.document.seq} failed ${stored.document.attempts} attempts: ${stored.document.error}`, {
            seq: stored.document.seq,
          }),
        );
    }
    return true;
  }

  /** `runId` when the job is known to be of a run (a malformed one is of none its id could be trusted for). */
  private async deadLetter(delivery: Delivery, reason: string, runId?: string): Promise<void> {
    await this.jobs.deadLetter(delivery, reason);
    delivery.ack();
    this.metrics.deadLettered.inc();
    const message = `dead-lettered ${delivery.message.properties.messageId ?? '(no id)'}: ${reason}`;
    this.logger.warn(runId === undefined ? message : runLog(runId, message));
  }
}

const seqsOf = (outcomes: Outcome[]): number[] => outcomes.map(({ stored }) => stored.document.seq);

function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

function groupByRun(outcomes: Outcome[]): Map<string, Outcome[]> {
  const groups = new Map<string, Outcome[]>();
  for (const outcome of outcomes) pushTo(groups, outcome.stored.document.runId, outcome);
  return groups;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
