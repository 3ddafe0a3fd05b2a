import { queueDeclaration, queueTypeMismatch } from './queue-declaration';

describe('queueDeclaration', () => {
  it('declares a classic queue as before there was a choice', () => {
    expect(queueDeclaration('classic', {})).toEqual({ durable: true });
    expect(queueDeclaration('classic', { deadLetters: true, arguments: { 'x-dead-letter-exchange': 'dlx' } })).toEqual({
      durable: true,
      arguments: { 'x-dead-letter-exchange': 'dlx' },
    });
  });

  it('makes a quorum queue dead-letter at least once, which needs reject-publish overflow', () => {
    expect(queueDeclaration('quorum', { deadLetters: true, arguments: { 'x-dead-letter-exchange': 'dlx' } })).toEqual({
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-dead-letter-exchange': 'dlx',
        'x-overflow': 'reject-publish',
        'x-dead-letter-strategy': 'at-least-once',
      },
    });
    expect(queueDeclaration('quorum', {})).toEqual({ durable: true, arguments: { 'x-queue-type': 'quorum' } });
  });
});

describe('queueTypeMismatch', () => {
  const broker = (detail: string) =>
    new Error(`Operation failed: QueueDeclare; 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg ${detail}"`);

  it('names the queue, the type it has and both ways out', () => {
    const message = queueTypeMismatch(
      'rr.jobs',
      'quorum',
      broker("'x-queue-type' for queue 'rr.jobs' in vhost '/': received the value 'quorum' of type 'longstr' but current is none"),
    );
    expect(message).toMatch(/^RabbitMQ queue rr\.jobs exists as a classic queue, and AMQP_QUEUE_TYPE is quorum: delete the queue/);
    expect(message).toContain('or set AMQP_QUEUE_TYPE=classic');
  });

  it('reads a quorum queue met by a classic declaration', () => {
    const message = queueTypeMismatch(
      'rr.jobs.dead',
      'classic',
      broker("'x-queue-type' for queue 'rr.jobs.dead' in vhost '/': received none but current is the value 'quorum' of type 'longstr'"),
    );
    expect(message).toMatch(/^RabbitMQ queue rr\.jobs\.dead exists as a quorum queue, and AMQP_QUEUE_TYPE is classic/);
    expect(message).toContain('or set AMQP_QUEUE_TYPE=quorum');
  });

  it('leaves other errors alone', () => {
    expect(queueTypeMismatch('rr.jobs', 'quorum', new Error('Socket closed abruptly'))).toBeNull();
  });
});
