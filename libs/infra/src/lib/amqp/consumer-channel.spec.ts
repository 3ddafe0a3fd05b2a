import type { ConsumeMessage } from 'amqplib';
import { ackAll, ConsumerChannel, type Delivery } from './amqp.connection';

/** A channel that records the frames it would send: `ack 3`, `ack 5 multiple`, `nack 2 requeue`. */
function recordingChannel() {
  const frames: string[] = [];
  const channel = {
    ack: (message: ConsumeMessage, allUpTo?: boolean) => frames.push(`ack ${message.fields.deliveryTag}${allUpTo ? ' multiple' : ''}`),
    nack: (message: ConsumeMessage, _allUpTo?: boolean, requeue?: boolean) =>
      frames.push(`nack ${message.fields.deliveryTag}${requeue ? ' requeue' : ''}`),
  };
  return { frames, channel };
}

const message = (deliveryTag: number) =>
  ({ fields: { deliveryTag }, properties: {}, content: Buffer.alloc(0) }) as unknown as ConsumeMessage;

function deliveries(consumer: ConsumerChannel, tags: number[]): Delivery[] {
  return tags.map((tag) => consumer.delivery(message(tag)));
}

describe('ConsumerChannel', () => {
  it('settles a delivery once: a second ack or nack sends nothing', () => {
    const { frames, channel } = recordingChannel();
    const [first] = deliveries(new ConsumerChannel(channel), [1]);
    first.nack(true);
    first.ack();
    first.nack(false);
    expect(frames).toEqual(['nack 1 requeue']);
  });

  it('acks a batch that is every unsettled delivery up to its highest with one frame', () => {
    const { frames, channel } = recordingChannel();
    const consumer = new ConsumerChannel(channel);
    const batch = deliveries(consumer, [1, 2, 3, 4]);
    const next = deliveries(consumer, [5, 6]);
    batch[1].nack(true); // refused by Elasticsearch: requeued, so no longer below the batch's acks
    ackAll([batch[0], batch[2], batch[3]]);
    expect(frames).toEqual(['nack 2 requeue', 'ack 4 multiple']);
    // Those acked by the frame are settled: acking them again sends nothing; the next batch is untouched.
    batch[0].ack();
    ackAll(next);
    expect(frames).toEqual(['nack 2 requeue', 'ack 4 multiple', 'ack 6 multiple']);
  });

  it('acks one by one when a delivery below the highest is still being worked on', () => {
    const { frames, channel } = recordingChannel();
    const consumer = new ConsumerChannel(channel);
    const [one, two, three] = deliveries(consumer, [1, 2, 3]);
    ackAll([one, three]);
    expect(frames).toEqual(['ack 1', 'ack 3']);
    two.ack();
    expect(frames).toEqual(['ack 1', 'ack 3', 'ack 2']);
  });

  it('never acks the highest again when it was settled before, even with the rest unsettled', () => {
    const { frames, channel } = recordingChannel();
    const consumer = new ConsumerChannel(channel);
    const [one, two] = deliveries(consumer, [1, 2]);
    two.nack(true);
    ackAll([one, two]);
    expect(frames).toEqual(['nack 2 requeue', 'ack 1 multiple']);
  });

  it('acks the deliveries of each channel with a frame of its own, and others one by one', () => {
    const a = recordingChannel();
    const b = recordingChannel();
    const fromA = deliveries(new ConsumerChannel(a.channel), [1, 2]);
    const fromB = deliveries(new ConsumerChannel(b.channel), [7]);
    const other = { message: message(9), ack: jest.fn(), nack: jest.fn() };
    ackAll([...fromA, other, ...fromB]);
    expect(a.frames).toEqual(['ack 2 multiple']);
    expect(b.frames).toEqual(['ack 7 multiple']);
    expect(other.ack).toHaveBeenCalledTimes(1);
  });
});
