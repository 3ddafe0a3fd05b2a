import type { Options } from 'amqplib';
import type { AmqpQueueType } from '../config/infra.config';

/**
 * A queue's declaration for the type asked for. A classic queue gets exactly what it got before there was a choice,
 * so that a queue an older version declared is still equivalent. A quorum queue that dead-letters (the jobs queue to
 * the dead-letter exchange, a retry queue back to the jobs queue) does so `at-least-once`: the message leaves the
 * queue only once the target confirmed it, where the default would drop it if the target's node were away. RabbitMQ
 * takes that strategy only with `reject-publish` overflow (a full queue refuses a publish, nacked, rather than drop
 * its oldest); no length limit is set, so that refusal comes only from a broker that cannot take the message.
 */
export function queueDeclaration(
  type: AmqpQueueType,
  options: { deadLetters?: boolean; arguments?: Record<string, unknown> },
): Options.AssertQueue {
  const own = options.arguments ?? {};
  if (type === 'classic') return { durable: true, ...(Object.keys(own).length > 0 && { arguments: own }) };
  return {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      ...own,
      ...(options.deadLetters && { 'x-overflow': 'reject-publish', 'x-dead-letter-strategy': 'at-least-once' }),
    },
  };
}

/**
 * The message for a queue that exists with other arguments than declared (the broker's PRECONDITION_FAILED, which says
 * `inequivalent arg 'x-queue-type' for queue '...': received ... but current is none`): which queue, which type it is,
 * and what to do. Null for any other error.
 */
export function queueTypeMismatch(queue: string, wanted: AmqpQueueType, error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/PRECONDITION_FAILED/.test(message) || !/inequivalent arg/.test(message)) return null;
  const existing = /x-queue-type/.test(message)
    ? /current is none|current is the value 'classic'/.test(message)
      ? 'classic'
      : 'quorum'
    : null;
  const what = existing ? `exists as a ${existing} queue` : 'exists with other arguments';
  const otherType = wanted === 'quorum' ? 'classic' : 'quorum';
  return (
    `RabbitMQ queue ${queue} ${what}, and AMQP_QUEUE_TYPE is ${wanted}: delete the queue ` +
    `(rabbitmqctl delete_queue ${queue}, which drops its messages: let it drain first) so that it is declared again, ` +
    `or set AMQP_QUEUE_TYPE=${existing ?? otherType} (broker: ${message})`
  );
}
