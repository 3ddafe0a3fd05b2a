/**
 * One worker process of the peer bench (peer.bench.ts forks two): a BullMQ worker doing the work of our `square`
 * processor and counting each job once in Redis. It waits for `run` (so that both start together), and answers
 * `report` with what it saw, then exits.
 */
import { Worker, type RateLimiterOptions } from 'bullmq';
import Redis from 'ioredis';
import { runProcessor } from '@app/domain';

/** What the bench tells a worker process, as JSON in its PEER_WORKER variable. */
export interface PeerWorkerOptions {
  redisUrl: string;
  prefix: string;
  queue: string;
  concurrency: number;
  limiter?: RateLimiterOptions;
  /** Redis keys of the count: the set of the job ids counted, and the count. */
  countedKey: string;
  countKey: string;
  /** Whether to keep the instant each job started (the limiter's figures), not only the completions. */
  keepStarts: boolean;
}

export type ToPeerWorker = { kind: 'run' } | { kind: 'report' };

export type FromPeerWorker =
  | { kind: 'ready' }
  | { kind: 'report'; completed: number; firstCompletedAt: number | null; lastCompletedAt: number | null; starts: number[] };

/** Counts a job once: a retried or redelivered job is in the set already and does not count again. */
const COUNT_ONCE = `if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then return redis.call('INCR', KEYS[2]) end
return 0`;

interface CountingRedis extends Redis {
  countOnce(countedKey: string, countKey: string, jobId: string): Promise<number>;
}

const send = (message: FromPeerWorker, then: () => void = () => undefined) => process.send?.(message, then);

async function main(): Promise<void> {
  const options = JSON.parse(process.env['PEER_WORKER'] ?? '') as PeerWorkerOptions;
  const redis = new Redis(options.redisUrl) as CountingRedis;
  redis.defineCommand('countOnce', { numberOfKeys: 2, lua: COUNT_ONCE });
  const starts: number[] = [];
  let completed = 0;
  let firstCompletedAt: number | null = null;
  let lastCompletedAt: number | null = null;
  const url = new URL(options.redisUrl);
  const worker = new Worker<{ n: number }, number>(
    options.queue,
    async (job) => {
      if (options.keepStarts) starts.push(Date.now());
      const output = runProcessor('square', job.data.n, job.attemptsMade + 1);
      await redis.countOnce(options.countedKey, options.countKey, String(job.id));
      return output;
    },
    {
      connection: { host: url.hostname, port: Number(url.port || 6379) },
      prefix: options.prefix,
      concurrency: options.concurrency,
      limiter: options.limiter,
      autorun: false,
    },
  );
  worker.on('completed', () => {
    const now = Date.now();
    completed++;
    firstCompletedAt ??= now;
    lastCompletedAt = now;
  });
  worker.on('error', (error) => console.error(`peer worker ${process.pid}: ${error.message}`));
  await worker.waitUntilReady();
  process.on('message', (message: ToPeerWorker) => {
    if (message.kind === 'run') void worker.run();
    if (message.kind === 'report') {
      void (async () => {
        await worker.close();
        await redis.quit();
        send({ kind: 'report', completed, firstCompletedAt, lastCompletedAt, starts }, () => process.exit(0));
      })();
    }
  });
  send({ kind: 'ready' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
