import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { amqpNames, jobId, type JobMessage } from '@app/contracts';
import { recordInput, scheduledCount, type RunState } from '@app/domain';
import { AmqpConnection, RunStore } from '@app/infra';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/** Publishes the records of one run that are due by its schedule, then records them as published. */
@Injectable()
export class RunPublisher {
  private readonly jobsQueue: string;
  private readonly published: Counter;

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly runs: RunStore,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
    registry: Registry,
  ) {
    this.jobsQueue = amqpNames(config.namespace).jobsQueue;
    this.published = new Counter({
      name: 'scheduler_jobs_published_total',
      help: 'Jobs published and confirmed by RabbitMQ',
      registers: [registry],
    });
  }

  /** Publishes what is due now; returns how many records were published. */
  async publishDue(run: RunState, now: number): Promise<number> {
    if (run.status !== 'running' || run.startedAt === null) return 0;
    const due = scheduledCount({ total: run.total, ratePerMinute: run.ratePerMinute, runningMs: now - run.startedAt });
    const upTo = Math.min(due, run.published + this.config.maxPublishBatch);
    if (upTo <= run.published) return 0;
    const messages = [];
    for (let seq = run.published + 1; seq <= upTo; seq++) {
      const job: JobMessage = { runId: run.id, seq, input: recordInput(run.id, seq), processor: run.processor, publishedAt: now };
      messages.push({ body: Buffer.from(JSON.stringify(job)), messageId: jobId(run.id, seq), timestamp: now });
    }
    // Recorded only once confirmed: a crash in between republishes these seqs, which workers count once.
    await this.amqp.publishConfirmed(this.jobsQueue, messages);
    await this.runs.recordPublished(run.id, upTo, Date.now());
    this.published.inc(messages.length);
    return messages.length;
  }
}
