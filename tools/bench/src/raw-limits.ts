/**
 * The raw limits of the throughput bench: each engine alone, driven by the platform's own infra code (the same
 * queue declaration and publish-with-confirms, the same index mappings and settings and bulk request, the same
 * count-once script), with the messages, documents and batches the scheduler and the workers use, as `consumers`
 * workers would drive it. Each in a namespace of its own, removed afterwards by the caller.
 */
import { RUN_HASH_FIELDS as F, amqpNames, elasticsearchIndices, redisKeys, type JobDocument, type JobMessage } from '@app/contracts';
import { Batcher, newJob, runProcessor } from '@app/domain';
// The bench measures the platform's own clients alone, so it uses them rather than a copy of their settings.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  AmqpConnection,
  ElasticsearchConnection,
  HotState,
  JobQueue,
  RedisConnection,
  ResultStore,
  RunCounters,
  type AmqpQueueType,
  type Delivery,
} from '@app/infra';
import { perSecond } from './throughput-figures';

export interface Engines {
  /** RabbitMQ's nodes (one, or a cluster's), and the type of queue the raw limit declares. */
  amqpUrls: string[];
  amqpQueueType: AmqpQueueType;
  elasticsearchUrl: string;
  redisUrl: string;
}

export interface RawLimitOptions {
  /** The namespace the engines' queues, indices and keys are made in. */
  namespace: string;
  /** Messages, documents or counts measured. */
  items: number;
  /** How many workers drive the engine at once (consumers, bulk requests or script calls in flight). */
  consumers: number;
  /** The workers' batch: jobs per bulk request and per count-once call. */
  batchSize: number;
  /** The workers' prefetch (unacked deliveries per consumer). */
  prefetch: number;
  /** Jobs the scheduler publishes per confirmed window. */
  publishWindow: number;
  /**
   * Confirmed windows in flight at once on the one publisher: the scheduler publishes its runs side by side, one
   * window of each in flight, so as many as the runs it publishes.
   */
  windowsInFlight: number;
}

const RUN_ID = 'raw0000000000000';
/** How long a worker's batch waits for more deliveries before it goes (the workers' WORKER_BATCH_WAIT_MS default). */
const BATCH_WAIT_MS = 20;

/** A generated record's job as the scheduler publishes it. */
const jobOf = (seq: number, now: number): JobMessage => newJob(RUN_ID, seq, 'square', now);

/** The result document a worker stores for a job of a generated record with `square`. */
function resultOf(job: JobMessage, processedAt: string): JobDocument {
  return {
    runId: job.runId,
    seq: job.seq,
    input: job.input,
    output: runProcessor('square', job.input, job.attempt),
    processor: job.processor,
    workerId: 'raw-limit',
    attempt: job.attempt,
    publishedAt: new Date(job.publishedAt).toISOString(),
    processedAt,
  };
}

/** Seq batches 1..items in slices of `size`, shared by `loops` loops that each take the next one. */
async function inParallel(items: number, size: number, loops: number, handle: (from: number, to: number) => Promise<void>): Promise<void> {
  let next = 1;
  const loop = async () => {
    while (next <= items) {
      const from = next;
      const to = Math.min(items, from + size - 1);
      next = to + 1;
      await handle(from, to);
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
}

/**
 * Messages a second published with confirms (one publisher, `windowsInFlight` windows at once on its channel, as the
 * scheduler's runs side by side) and consumed with acks (`consumers` consumers, each acking a batch of `batchSize`
 * deliveries at once as a worker acks a counted batch), end to end.
 */
export async function amqpLimit(engines: Engines, options: RawLimitOptions): Promise<number> {
  const names = amqpNames(options.namespace);
  const connect = () => AmqpConnection.connect({ urls: engines.amqpUrls, names, queueType: engines.amqpQueueType });
  const publisher = await connect();
  const consumers = await Promise.all(Array.from({ length: options.consumers }, connect));
  await waitUntil(() => [publisher, ...consumers].every((connection) => connection.connected));
  let acked = 0;
  let allAcked = () => undefined as void;
  const acks = new Promise<void>((resolve) => (allAcked = resolve));
  for (const connection of consumers) {
    const consumer = new JobQueue(connection);
    const batches = new Batcher<Delivery>({
      maxSize: options.batchSize,
      maxWaitMs: BATCH_WAIT_MS,
      handle: async (batch) => {
        consumer.ackAll(batch);
        acked += batch.length;
        if (acked === options.items) allAcked();
      },
    });
    await consumer.consume(options.prefetch, (delivery) => batches.add(delivery));
  }
  const queue = new JobQueue(publisher);
  const started = Date.now();
  await inParallel(options.items, options.publishWindow, options.windowsInFlight, async (from, to) => {
    const now = Date.now();
    await queue.publish(Array.from({ length: to - from + 1 }, (_, i) => jobOf(from + i, now)));
  });
  await acks;
  const rate = perSecond(options.items, started, Date.now());
  await Promise.all([publisher, ...consumers].map((connection) => connection.close()));
  return rate;
}

/** Result documents a second stored with the workers' bulk request, `batchSize` a request, into an index like theirs. */
export async function elasticsearchLimit(engines: Engines, options: RawLimitOptions): Promise<number> {
  const es = await ElasticsearchConnection.connect([engines.elasticsearchUrl], elasticsearchIndices(`${options.namespace}-`), {
    shards: 1,
    replicas: 0,
  });
  const store = new ResultStore(es);
  const started = Date.now();
  await inParallel(options.items, options.batchSize, options.consumers, async (from, to) => {
    const now = Date.now();
    const processedAt = new Date(now).toISOString();
    const documents = Array.from({ length: to - from + 1 }, (_, i) => ({
      kind: 'result' as const,
      document: resultOf(jobOf(from + i, now), processedAt),
    }));
    const outcome = await store.storeMany(documents);
    if (outcome.failed.length > 0) throw new Error(`elasticsearch refused ${outcome.failed.length} documents: ${outcome.failed[0].reason}`);
  });
  const rate = perSecond(options.items, started, Date.now());
  await es.close();
  return rate;
}

/** Seqs a second counted once by the workers' script, `batchSize` a call, into a run as large as the count. */
export async function countOnceLimit(engines: Engines, options: RawLimitOptions): Promise<number> {
  const redis = await RedisConnection.connect(engines.redisUrl);
  const keys = redisKeys(options.namespace);
  await new HotState(redis, keys).markReady();
  await redis.client.hset(keys.run(RUN_ID), {
    [F.status]: 'running',
    [F.total]: options.items,
    [F.processed]: 0,
    [F.failed]: 0,
    [F.revision]: 0,
  });
  const counters = new RunCounters(redis, keys);
  const started = Date.now();
  await inParallel(options.items, options.batchSize, options.consumers, async (from, to) => {
    const counted = await counters.countProcessed(
      RUN_ID,
      Array.from({ length: to - from + 1 }, (_, i) => from + i),
      Date.now(),
    );
    if (counted?.added !== to - from + 1) throw new Error(`the count-once script counted ${counted?.added} of ${to - from + 1}`);
  });
  const rate = perSecond(options.items, started, Date.now());
  await redis.close();
  return rate;
}

async function waitUntil(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 30_000) throw new Error('rabbitmq did not connect within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
