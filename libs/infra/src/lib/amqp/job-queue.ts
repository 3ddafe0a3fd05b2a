import { DEAD_LETTER_REASON_HEADER, jobId, type AmqpNames, type JobMessage } from '@app/contracts';
import { ackAll, type AmqpConnection, type Delivery, type OutgoingMessage } from './amqp.connection';

/**
 * The jobs queue: publishing jobs (confirmed), taking them in, sending a failed one to wait in a retry queue,
 * and moving a message that cannot be processed to the dead-letter queue with its reason.
 */
export class JobQueue {
  private readonly names: AmqpNames;

  constructor(private readonly amqp: AmqpConnection) {
    this.names = amqp.names;
  }

  /** Publishes jobs onto the jobs queue, confirmed (`messageId` = `runId:seq`). */
  async publish(jobs: readonly JobMessage[]): Promise<void> {
    await this.amqp.publishConfirmed(this.names.jobsQueue, toMessages(jobs));
  }

  /**
   * Publishes jobs to wait `delayMs` in a retry queue, from which the broker moves them back onto the jobs
   * queue (per-delay queues with a message ttl, so no message waits behind a longer delay). Confirmed, so the
   * caller may then ack the originals.
   */
  async publishForRetry(delayMs: number, jobs: readonly JobMessage[]): Promise<void> {
    const queue = this.names.retryQueue(delayMs);
    await this.amqp.declareQueueOnce(queue, {
      deadLetters: true,
      arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': this.names.jobsQueue },
    });
    await this.amqp.publishConfirmed(queue, toMessages(jobs));
  }

  /** Moves a message to the dead-letter queue with the reason, confirmed, so the caller may then ack the original. */
  async deadLetter(delivery: Delivery, reason: string): Promise<void> {
    const { message } = delivery;
    await this.amqp.publishConfirmed(
      this.names.deadLetterQueue,
      [{ body: message.content, messageId: message.properties.messageId ?? '', timestamp: Date.now() }],
      { [DEAD_LETTER_REASON_HEADER]: reason },
    );
  }

  /** Takes jobs in, at most `prefetch` unacked at a time; again after every reconnect. */
  consume(prefetch: number, onMessage: (delivery: Delivery) => void): Promise<void> {
    return this.amqp.consume({ queue: this.names.jobsQueue, prefetch, onMessage });
  }

  /** Acks deliveries that are done with, with as few frames as is safe (one per channel for a whole batch). */
  ackAll(deliveries: readonly Delivery[]): void {
    ackAll(deliveries);
  }

  /** Stops taking jobs; those delivered can still be acked. */
  stopConsuming(): Promise<void> {
    return this.amqp.stopConsuming();
  }
}

function toMessages(jobs: readonly JobMessage[]): OutgoingMessage[] {
  const now = Date.now();
  return jobs.map((job) => ({ body: Buffer.from(JSON.stringify(job)), messageId: jobId(job.runId, job.seq), timestamp: now }));
}
