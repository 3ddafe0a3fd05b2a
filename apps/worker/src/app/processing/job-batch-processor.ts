import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { parseJobMessage, type JobDocument, type JobMessage } from '@app/contracts';
import { runProcessor } from '@app/domain';
import { AmqpConnection, ResultStore, RunStore, type Delivery } from '@app/infra';
import { WORKER_CONFIG, type WorkerConfig } from '../worker.config';

interface ValidJob {
  delivery: Delivery;
  job: JobMessage;
}

/**
 * Handles one batch: dead-letters malformed jobs, computes and stores the rest in one bulk request,
 * counts the stored ones exactly once, and only then acks them. A crash anywhere before the ack
 * leaves the job to be redelivered, rewritten under the same id and not counted again.
 */
@Injectable()
export class JobBatchProcessor {
  private readonly logger = new Logger(JobBatchProcessor.name);
  private readonly processed: Counter;
  private readonly duplicates: Counter;
  private readonly deadLettered: Counter;

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly results: ResultStore,
    private readonly runs: RunStore,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    registry: Registry,
  ) {
    this.processed = new Counter({ name: 'worker_jobs_processed_total', help: 'Jobs stored and counted', registers: [registry] });
    this.duplicates = new Counter({
      name: 'worker_jobs_duplicate_total',
      help: 'Redelivered jobs stored again under the same id but not counted again',
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'worker_jobs_dead_lettered_total',
      help: 'Jobs moved to the dead-letter queue',
      registers: [registry],
    });
  }

  async process(batch: Delivery[]): Promise<void> {
    try {
      const valid = await this.takeValid(batch);
      if (valid.length > 0) await this.storeAndCount(valid);
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

  private async storeAndCount(jobs: ValidJob[]): Promise<void> {
    const processedAt = new Date().toISOString();
    const documents = jobs.map(({ delivery, job }): JobDocument => ({
      runId: job.runId,
      seq: job.seq,
      input: job.input,
      output: runProcessor(job.processor, job.input),
      processor: job.processor,
      workerId: this.config.workerId,
      attempt: delivery.message.fields.redelivered ? 2 : 1,
      publishedAt: new Date(job.publishedAt).toISOString(),
      processedAt,
    }));
    const outcome = await this.results.storeMany(documents);
    for (const { index, reason } of outcome.failed) {
      this.logger.warn(`storing ${jobs[index].job.runId}:${jobs[index].job.seq} failed, requeueing: ${reason}`);
      jobs[index].delivery.nack(true);
    }
    const stored = outcome.stored.map((index) => jobs[index]);
    for (const [runId, runJobs] of groupByRun(stored)) {
      const counted = await this.runs.countProcessed(
        runId,
        runJobs.map(({ job }) => job.seq),
        Date.now(),
      );
      if (counted === null) {
        for (const { delivery } of runJobs) await this.deadLetter(delivery, `unknown run ${runId}`);
        continue;
      }
      for (const { delivery } of runJobs) delivery.ack();
      this.processed.inc(counted);
      this.duplicates.inc(runJobs.length - counted);
    }
  }

  private async deadLetter(delivery: Delivery, reason: string): Promise<void> {
    await this.amqp.deadLetter(delivery.message, reason);
    delivery.ack();
    this.deadLettered.inc();
    this.logger.warn(`dead-lettered ${delivery.message.properties.messageId ?? '(no id)'}: ${reason}`);
  }
}

function groupByRun(jobs: ValidJob[]): Map<string, ValidJob[]> {
  const groups = new Map<string, ValidJob[]>();
  for (const job of jobs) {
    const group = groups.get(job.job.runId);
    if (group) group.push(job);
    else groups.set(job.job.runId, [job]);
  }
  return groups;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
