import { randomBytes } from 'node:crypto';
import { connect } from 'amqplib';
import { amqpNames, type JobMessage } from '@app/contracts';
import { newJob } from '@app/domain';
import { connectToAnyNode, RabbitmqCluster, waitFor } from '@app/testing';
import { AmqpConnection, QueueTypeMismatchError, type Delivery } from './amqp.connection';
import { JobQueue } from './job-queue';

/*
 * AmqpConnection on a real 3-node cluster (infra/rabbitmq-cluster.sh on ports of this spec's own, 5691-5693): the
 * queues it declares are quorum queues, its connection moves to another node when its own is killed, and a queue of
 * the other type stops it with a message that says what to do.
 */
const cluster = new RabbitmqCluster([5691, 5692, 5693]);
jest.setTimeout(60_000);
const namespaces: string[] = [];
const connections: AmqpConnection[] = [];

function newNamespace(): string {
  const namespace = `it-amqp-${randomBytes(3).toString('hex')}`;
  namespaces.push(namespace);
  return namespace;
}

async function connectTo(urls: string[], namespace: string, queueType: 'quorum' | 'classic' = 'quorum'): Promise<AmqpConnection> {
  const connection = await AmqpConnection.connect({ urls, names: amqpNames(namespace), queueType });
  connections.push(connection);
  return connection;
}

const jobs = (count: number, from = 1): JobMessage[] =>
  Array.from({ length: count }, (_, i) => newJob('amqp000000000000', from + i, 'square', Date.now()));

beforeAll(async () => {
  await cluster.up();
}, 240_000);

afterAll(async () => {
  await Promise.allSettled(connections.map((connection) => connection.close()));
  try {
    const amqp = await connectToAnyNode(cluster.urls);
    const channel = await amqp.createChannel();
    for (const namespace of namespaces) {
      const names = amqpNames(namespace);
      for (const queue of [names.jobsQueue, names.deadLetterQueue]) await channel.deleteQueue(queue);
    }
    await amqp.close();
  } finally {
    await cluster.down();
  }
}, 120_000);

describe('AmqpConnection on a 3-node cluster', () => {
  it('declares the jobs and dead-letter queues as quorum queues, led by a node of the cluster', async () => {
    const namespace = newNamespace();
    const connection = await connectTo(cluster.urls, namespace);
    expect(connection.nodes()).toEqual([
      { address: '127.0.0.1:5691', connected: true },
      { address: '127.0.0.1:5692', connected: false },
      { address: '127.0.0.1:5693', connected: false },
    ]);
    const names = amqpNames(namespace);
    expect([1, 2, 3]).toContain(await cluster.leader(names.jobsQueue));
    expect([1, 2, 3]).toContain(await cluster.leader(names.deadLetterQueue));
    // A retry queue, declared on first use, is one too.
    await new JobQueue(connection).publishForRetry(60_000, jobs(1));
    expect([1, 2, 3]).toContain(await cluster.leader(names.retryQueue(60_000)));
    await connection.close();
    const amqp = await connect(cluster.url(2));
    await (await amqp.createChannel()).deleteQueue(names.retryQueue(60_000));
    await amqp.close();
  });

  it('moves to another node when its node is killed, and loses no confirmed message', async () => {
    const namespace = newNamespace();
    const names = amqpNames(namespace);
    // Node 3 first in the list: it is the one killed, and the cluster keeps its majority (nodes 1 and 2).
    const urls = [cluster.url(3), cluster.url(1), cluster.url(2)];
    const publisher = await connectTo(urls, namespace);
    const queue = new JobQueue(publisher);
    await queue.publish(jobs(500));
    expect(publisher.nodes().map((node) => node.connected)).toEqual([true, false, false]);

    await cluster.kill(3);
    try {
      await waitFor(async () => publisher.connected && !publisher.nodes()[0].connected, 30_000, 'the connection to move to another node');
      expect(publisher.nodes().filter((node) => node.connected)).toHaveLength(1);
      // Publishing goes on through the new node (a publish under way when the node died may be rejected: the caller
      // publishes it again, which is what the scheduler does).
      await waitFor(
        async () => {
          await queue.publish(jobs(500, 501));
          return true;
        },
        30_000,
        'a confirmed publish through the new node',
      );

      // Every confirmed message is there, on the surviving majority.
      const received = new Set<number>();
      const consumer = await connectTo([cluster.url(1), cluster.url(2)], namespace);
      await new JobQueue(consumer).consume(200, (delivery: Delivery) => {
        received.add((JSON.parse(delivery.message.content.toString()) as JobMessage).seq);
        delivery.ack();
      });
      await waitFor(async () => received.size === 1_000, 30_000, `1,000 distinct jobs (got ${received.size})`);
      expect([1, 2]).toContain(await cluster.leader(names.jobsQueue));
    } finally {
      await cluster.start(3);
    }
  }, 120_000);

  it('refuses a queue of the other type, naming it and what to do', async () => {
    const namespace = newNamespace();
    const names = amqpNames(namespace);
    const amqp = await connect(cluster.url(1));
    const channel = await amqp.createChannel();
    // As an older version, or one configured otherwise, left them: classic queues.
    await channel.assertQueue(names.deadLetterQueue, { durable: true });
    await channel.assertQueue(names.jobsQueue, { durable: true, arguments: { 'x-dead-letter-exchange': names.deadLetterExchange } });
    await amqp.close();

    const refused = AmqpConnection.connect({ urls: cluster.urls, names, queueType: 'quorum' });
    await expect(refused).rejects.toThrow(QueueTypeMismatchError);
    // The first queue declared is the dead-letter queue.
    await expect(refused).rejects.toThrow(
      `RabbitMQ queue ${names.deadLetterQueue} exists as a classic queue, and AMQP_QUEUE_TYPE is quorum: delete the queue`,
    );
    await expect(refused).rejects.toThrow('or set AMQP_QUEUE_TYPE=classic');
    // Configured for what is there, it starts.
    const classic = await connectTo(cluster.urls, namespace, 'classic');
    expect(classic.connected).toBe(true);
  });
});
