/**
 * What quorum queues cost (`npm run bench:queue-types`): RabbitMQ publish-with-confirms + consume-with-acks alone, as
 * the throughput bench's raw limit measures it (the platform's own AmqpConnection and JobQueue: the same declaration,
 * the scheduler's confirmed window with as many in flight as its runs side by side, two consumers with the workers'
 * prefetch acking a worker's batch at once), for classic and quorum queues, on the machine's single node and on a
 * 3-node cluster started for the bench (infra/rabbitmq-cluster.sh on ports 5694-5696).
 * A quorum queue writes each message to a majority of its replicas (on one node: its one replica, to its own log)
 * before it confirms.
 */
import { amqpNames } from '@app/contracts';
// The bench measures the platform's own clients alone, so it uses them rather than a copy of their settings.
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { AmqpQueueType } from '@app/infra';
import { connectToAnyNode, RabbitmqCluster } from '@app/testing';
import { fullMode, recordFigures, type Figure } from './figures';
import { loadAverage } from './machine';
import { amqpLimit, type Engines, type RawLimitOptions } from './raw-limits';
import { SIDE_BY_SIDE_RUNS } from './side-by-side-runs';

const MACHINE_AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const ITEMS = Number(process.env['BENCH_QUEUE_ITEMS'] ?? (fullMode() ? 300_000 : 100_000));
const QUEUE_TYPES: AmqpQueueType[] = ['classic', 'quorum'];
/** The scheduler's windows in flight with the throughput bench's runs side by side: the raw limit as it measures it. */
const WINDOWS_IN_FLIGHT = SIDE_BY_SIDE_RUNS;
const cluster = new RabbitmqCluster([5694, 5695, 5696]);

const int = (value: number) => Math.round(value).toLocaleString('en-US');

/** One measurement, in a namespace of its own whose queues are deleted afterwards. */
async function measure(urls: string[], queueType: AmqpQueueType): Promise<number> {
  const namespace = `bench-qt-${Date.now().toString(36)}`;
  const engines: Engines = { amqpUrls: urls, amqpQueueType: queueType, elasticsearchUrl: '', redisUrl: '' };
  const options: RawLimitOptions = {
    namespace,
    items: ITEMS,
    consumers: 2,
    batchSize: 250,
    prefetch: 500,
    publishWindow: 5_000,
    windowsInFlight: WINDOWS_IN_FLIGHT,
  };
  try {
    return await amqpLimit(engines, options);
  } finally {
    const names = amqpNames(namespace);
    const amqp = await connectToAnyNode(urls);
    const channel = await amqp.createChannel();
    for (const queue of [names.jobsQueue, names.deadLetterQueue]) await channel.deleteQueue(queue);
    await channel.deleteExchange(names.deadLetterExchange);
    await amqp.close();
  }
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const rates = new Map<string, number>();
  const figures: Figure[] = [];
  const run = async (where: string, urls: string[]) => {
    for (const queueType of QUEUE_TYPES) {
      console.log(`${where}, ${queueType} queues: ${int(ITEMS)} messages (load ${loadAverage()})...`);
      const rate = await measure(urls, queueType);
      rates.set(`${where} ${queueType}`, rate);
      console.log(`  ${int(rate)}/s`);
      figures.push({ figure: `${where}, ${queueType} queues: messages/s published (confirmed) and consumed (acked)`, measured: int(rate) });
    }
    const classic = rates.get(`${where} classic`) ?? 0;
    const quorum = rates.get(`${where} quorum`) ?? 0;
    figures.push({ figure: `${where}: quorum / classic`, measured: `${((100 * quorum) / classic).toFixed(0)} %` });
  };
  await run('machine node (1 node)', [MACHINE_AMQP_URL]);
  console.log('starting a 3-node cluster on 5694-5696...');
  await cluster.up();
  try {
    await run('3-node cluster (one machine)', cluster.urls);
  } finally {
    await cluster.down();
  }
  recordFigures(
    'queue-types',
    figures,
    `${int(ITEMS)} messages per measurement, one publisher (5,000 a confirmed window, ${WINDOWS_IN_FLIGHT} in flight) and two ` +
      `consumers (prefetch 500, acking 250 at once); ` +
      `the cluster's three nodes share the machine's 2 cores with its own RabbitMQ. Load average ${loadBefore} before, ${loadAverage()} after.`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
