/**
 * The peer, side by side (`npm run bench:peer`, `-- --full` for longer limited runs and more rate changes): BullMQ
 * (a dev dependency of the bench only) on the same Redis under a key prefix of its own (removed afterwards), then
 * our platform (a TestSystem of its own), the same work measured the same way:
 *
 * - **throughput**: 100,000 jobs computing our `square` processor (the same function, `runProcessor` of
 *   libs/domain), each counted once in Redis (BullMQ: a Lua script adding the job's id to a set and counting only if
 *   it was new; ours: the workers' count-once script), by 2 worker processes; jobs a second from the first completion
 *   to the last. BullMQ's jobs are all queued before its workers start; ours are split over BENCH_RUNS (3) runs side
 *   by side, each asked at 600,000/min (the most a run may ask, which one run alone would make the bound), as
 *   bench:throughput runs them (side-by-side-runs.ts), so the scheduler publishes them as the workers take them,
 *   stored durably in RabbitMQ and Elasticsearch; the throughput is their sum.
 * - **smoothness at 6,000/min**: BullMQ's limiter (`limiter: { max: 100, duration: 1000 }`) against our run at
 *   6,000/min: the most jobs started (BullMQ: the instant its processor is called) or records published (ours:
 *   `publishedAt`) in any sliding second, how each second's are spread (from its first to its last), and the longest
 *   pause between two.
 * - **a rate change**: BullMQ's limiter can be changed live only through its global rate limit
 *   (`queue.setGlobalRateLimit(max, duration)`; a worker's `limiter` option is fixed when it starts): from 1 job per
 *   second to 1,000 per second, from the moment the call returned to the first job of the new rate; ours, from the
 *   PATCH answer (rate-change-run.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Run } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';
import { fullMode, recordFigures, type Figure } from './figures';
import { loadAverage, machineNote } from './machine';
import type { FromPeerWorker, PeerWorkerOptions, ToPeerWorker } from './peer-worker';
import { applyDelays, firstOfBurst, type ApplyDelays } from './rate-change';
import { measureRateChanges } from './rate-change-run';
import { completedRun, processedPerSecond } from './run-results';
import { SIDE_BY_SIDE_RUNS, splitTotal, startRunsAtMostRate } from './side-by-side-runs';
import { smoothness, type Smoothness } from './smoothness';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const JOBS = 100_000;
const WORKERS = 2;
/** Jobs each BullMQ worker process runs at once: enough that it never waits on Redis with nothing to do. */
const CONCURRENCY = 100;
const LIMITED_PER_SECOND = 100;
const LIMITED_SECONDS = fullMode() ? 60 : 20;
const RATE_CHANGES = fullMode() ? 20 : 10;
/**
 * How long BullMQ's raised rate is kept, and how long after a raise the bench looks for its first job at the new
 * rate: two windows, since a raise shows only once the window it was made in has ended (measured: 0.7 to 1.3 s).
 */
const RAISED_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (value: number) => `${Math.round(value)} ms`;

/** BullMQ on the machine's Redis, every key under `prefix`. */
class Peer {
  readonly prefix = `bench-peer-${randomBytes(3).toString('hex')}`;
  readonly redis = new Redis(REDIS_URL);
  private readonly queues: Queue[] = [];

  queue(name: string): Queue {
    const url = new URL(REDIS_URL);
    const queue = new Queue(name, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix: this.prefix });
    this.queues.push(queue);
    return queue;
  }

  /** Queues jobs `{ n }` for n = 1..count, a thousand a call. */
  async add(queue: Queue, jobs: number): Promise<void> {
    for (let from = 1; from <= jobs; from += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, jobs - from + 1) }, (_, i) => ({ name: 'square', data: { n: from + i } }));
      await queue.addBulk(batch);
    }
  }

  /** Starts 2 worker processes on a queue, both at once once both are ready; resolves with them and their count's keys. */
  async startWorkers(queue: string, extra: Pick<PeerWorkerOptions, 'limiter' | 'keepStarts'>): Promise<PeerWorkers> {
    const options: PeerWorkerOptions = {
      redisUrl: REDIS_URL,
      prefix: this.prefix,
      queue,
      concurrency: CONCURRENCY,
      countedKey: `${this.prefix}:${queue}:bench:counted`,
      countKey: `${this.prefix}:${queue}:bench:count`,
      ...extra,
    };
    const children = Array.from({ length: WORKERS }, () =>
      fork(join(__dirname, 'peer-worker.ts'), [], {
        execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
        env: { ...process.env, PEER_WORKER: JSON.stringify(options) },
      }),
    );
    await Promise.all(children.map((child) => nextMessage(child)));
    for (const child of children) child.send({ kind: 'run' } satisfies ToPeerWorker);
    return new PeerWorkers(children, this.redis, options.countKey);
  }

  async stop(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1_000);
      if (keys.length > 0) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await this.redis.quit();
  }
}

type Report = Extract<FromPeerWorker, { kind: 'report' }>;

function nextMessage(child: ChildProcess): Promise<FromPeerWorker> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: FromPeerWorker) => resolve(message));
    child.once('exit', (code) => reject(new Error(`a peer worker exited (${code}) before it answered`)));
  });
}

class PeerWorkers {
  constructor(
    private readonly children: ChildProcess[],
    private readonly redis: Redis,
    private readonly countKey: string,
  ) {}

  counted = async (): Promise<number> => Number((await this.redis.get(this.countKey)) ?? 0);

  waitForCount(jobs: number, timeoutMs: number): Promise<void> {
    return waitFor(async () => (await this.counted()) >= jobs, timeoutMs, `BullMQ to count ${count(jobs)} jobs`);
  }

  /** Stops the workers and gathers what each saw. */
  async reports(): Promise<Report[]> {
    const reports = this.children.map((child) => nextMessage(child));
    for (const child of this.children) child.send({ kind: 'report' } satisfies ToPeerWorker);
    return (await Promise.all(reports)) as Report[];
  }
}

const allStarts = (reports: readonly Report[]): number[] => reports.flatMap(({ starts }) => starts).sort((a, b) => a - b);

interface Throughput {
  jobsPerSecond: number;
  /** Jobs counted: exactly the jobs asked, or the accounting is off. */
  counted: number;
  note: string;
}

async function bullmqThroughput(peer: Peer): Promise<Throughput> {
  const queue = peer.queue('throughput');
  await peer.add(queue, JOBS);
  const workers = await peer.startWorkers('throughput', { keepStarts: false });
  await workers.waitForCount(JOBS, 300_000);
  const reports = await workers.reports();
  const first = Math.min(...reports.map((r) => r.firstCompletedAt ?? Infinity));
  const last = Math.max(...reports.map((r) => r.lastCompletedAt ?? -Infinity));
  const completed = reports.reduce((sum, r) => sum + r.completed, 0);
  return {
    jobsPerSecond: completed / ((last - first) / 1000),
    counted: await workers.counted(),
    note: `BullMQ: ${count(completed)} completions (${reports.map((r) => count(r.completed)).join(' + ')})`,
  };
}

async function bullmqSmoothness(peer: Peer): Promise<Smoothness> {
  const queue = peer.queue('limited');
  const jobs = LIMITED_PER_SECOND * LIMITED_SECONDS;
  await peer.add(queue, jobs);
  const workers = await peer.startWorkers('limited', { keepStarts: true, limiter: { max: LIMITED_PER_SECOND, duration: 1_000 } });
  await workers.waitForCount(jobs, (LIMITED_SECONDS + 60) * 1000);
  return smoothness(allStarts(await workers.reports()), 1_000);
}

async function bullmqRateChange(peer: Peer): Promise<ApplyDelays> {
  const queue = peer.queue('rate-change');
  await queue.setGlobalRateLimit(1, 1_000);
  // At most three windows of the raised rate a change (1,000 jobs each), and one job a second between.
  await peer.add(queue, RATE_CHANGES * 3_000 + 1_000);
  const workers = await peer.startWorkers('rate-change', { keepStarts: true });
  await workers.waitForCount(2, 30_000);
  const raises: { sentAt: number; answeredAt: number }[] = [];
  for (let i = 0; i < RATE_CHANGES; i++) {
    // At a random point of a slow window: how long a raise waits depends on how much of the window is left.
    await sleep(1_000 + Math.random() * 1_000);
    const sentAt = Date.now();
    await queue.setGlobalRateLimit(1_000, 1_000);
    raises.push({ sentAt, answeredAt: Date.now() });
    await sleep(RAISED_MS);
    await queue.setGlobalRateLimit(1, 1_000);
    process.stdout.write('.');
  }
  console.log();
  await sleep(1_000);
  const starts = allStarts(await workers.reports());
  return applyDelays(
    raises.map((raise) => ({ ...raise, firstOnNewSchedule: firstOfBurst(starts, raise.sentAt, raise.sentAt + RAISED_MS) })),
  );
}

async function ourThroughput(system: TestSystem): Promise<Throughput> {
  const runIds = await startRunsAtMostRate(system, splitTotal(JOBS, SIDE_BY_SIDE_RUNS), { processor: 'square' });
  const runs = await Promise.all(runIds.map((runId) => completedRun(system, runId, 600_000)));
  const sum = (of: (run: Run) => number) => runs.reduce((total, run) => total + of(run), 0);
  return {
    jobsPerSecond: await processedPerSecond(system, runs),
    counted: sum((run) => run.processed),
    note:
      `ours: ${runs.length} runs side by side, ${count(sum((run) => run.processed))} processed ` +
      `(${runs.map((run) => count(run.processed)).join(' + ')}), ${sum((run) => run.failed)} failed, ` +
      `${runs.filter((run) => run.throttled).length} held back at the end`,
  };
}

/** Every stored `publishedAt` of a run, in seq order, a page at a time. */
async function publishedTimes(system: TestSystem, runId: string): Promise<number[]> {
  const times: number[] = [];
  let after: (string | number)[] | undefined;
  for (;;) {
    const page = await system.es.search<{ publishedAt: string }>({
      index: system.indices.jobs,
      size: 5_000,
      _source: ['publishedAt'],
      sort: [{ seq: 'asc' }],
      query: { term: { runId } },
      ...(after ? { search_after: after } : {}),
    });
    const hits = page.hits.hits;
    if (hits.length === 0) return times;
    for (const hit of hits) times.push(Date.parse(hit._source?.publishedAt ?? ''));
    after = hits[hits.length - 1].sort as (string | number)[];
  }
}

async function ourSmoothness(system: TestSystem): Promise<Smoothness> {
  const total = LIMITED_PER_SECOND * LIMITED_SECONDS;
  const { body: created } = await system.api<Run>('POST', '/runs', { total, ratePerMinute: LIMITED_PER_SECOND * 60, processor: 'square' });
  const run = await completedRun(system, created.id, (LIMITED_SECONDS + 120) * 1000);
  return smoothness(await publishedTimes(system, run.id), 1_000);
}

/** Ours over theirs, as a factor: what "ours is N times ahead" says. */
const ratio = (ours: number, theirs: number) => `${(ours / theirs).toFixed(2)}×`;

function sideBySide(
  bullmq: { throughput: Throughput; smooth: Smoothness; change: ApplyDelays },
  ours: { throughput: Throughput; smooth: Smoothness; change: ApplyDelays },
): string {
  const rows: [string, string, string, string][] = [
    [
      `throughput, ${count(JOBS)} \`square\` jobs counted once, 2 worker processes (jobs/s)`,
      count(bullmq.throughput.jobsPerSecond),
      count(ours.throughput.jobsPerSecond),
      ratio(ours.throughput.jobsPerSecond, bullmq.throughput.jobsPerSecond),
    ],
    ['counted (exactly once: the jobs asked)', count(bullmq.throughput.counted), count(ours.throughput.counted), ''],
    [
      'at 6,000/min: most started/published in any sliding 1 s',
      String(bullmq.smooth.mostInAnyWindow),
      String(ours.smooth.mostInAnyWindow),
      ratio(ours.smooth.mostInAnyWindow, bullmq.smooth.mostInAnyWindow),
    ],
    [
      "at 6,000/min: a second's first to its last, median (least)",
      `${ms(bullmq.smooth.spreadMedian)} (${ms(bullmq.smooth.spreadLeast)})`,
      `${ms(ours.smooth.spreadMedian)} (${ms(ours.smooth.spreadLeast)})`,
      '',
    ],
    ['at 6,000/min: longest pause between two', ms(bullmq.smooth.longestGap), ms(ours.smooth.longestGap), ''],
    [
      'rate raised 60 -> 60,000/min: from the change answered to the first at the new rate, p50 / max',
      `${ms(bullmq.change.fromAnswer.p50)} / ${ms(bullmq.change.fromAnswer.max)}`,
      `${ms(ours.change.fromAnswer.p50)} / ${ms(ours.change.fromAnswer.max)}`,
      '',
    ],
    [
      'the same, from the change sent, p50 / max',
      `${ms(bullmq.change.fromSent.p50)} / ${ms(bullmq.change.fromSent.max)}`,
      `${ms(ours.change.fromSent.p50)} / ${ms(ours.change.fromSent.max)}`,
      '',
    ],
  ];
  return [
    '| figure | BullMQ 6.7.0 | ours | ours / BullMQ |',
    '|---|---:|---:|---:|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  console.log(
    `peer benchmark: BullMQ then ours; ${count(JOBS)} jobs, ${LIMITED_SECONDS} s at 6,000/min, ${RATE_CHANGES} rate changes each`,
  );
  const loadBefore = loadAverage();
  const peer = new Peer();
  let bullmq;
  try {
    console.log('BullMQ: throughput...');
    const throughput = await bullmqThroughput(peer);
    console.log(`BullMQ: ${count(throughput.jobsPerSecond)} jobs/s; its limiter at 6,000/min...`);
    const smooth = await bullmqSmoothness(peer);
    console.log('BullMQ: rate changes');
    const change = await bullmqRateChange(peer);
    bullmq = { throughput, smooth, change };
  } finally {
    await peer.stop();
  }
  const loadBetween = loadAverage();
  const system = new TestSystem({ workers: WORKERS, basePort: 5810, label: 'bench' });
  await system.start();
  let ours;
  try {
    console.log('ours: throughput...');
    const throughput = await ourThroughput(system);
    console.log(`ours: ${count(throughput.jobsPerSecond)} jobs/s; a run at 6,000/min...`);
    const smooth = await ourSmoothness(system);
    console.log('ours: rate changes');
    const change = await measureRateChanges(system, RATE_CHANGES);
    ours = { throughput, smooth, change };
  } finally {
    await system.stop();
  }
  const figures: Figure[] = [
    { figure: 'BullMQ 6.7.0, 2 worker processes: jobs/s, counted once in Redis', measured: count(bullmq.throughput.jobsPerSecond) },
    {
      figure: `ours, 2 workers, everything durable, ${SIDE_BY_SIDE_RUNS} runs side by side: jobs/s, and its ratio to BullMQ`,
      measured: `${count(ours.throughput.jobsPerSecond)} (${ratio(ours.throughput.jobsPerSecond, bullmq.throughput.jobsPerSecond)})`,
      target: 'ahead of BullMQ',
    },
    {
      figure: 'at 6,000/min, most in any sliding 1 s: BullMQ / ours',
      measured: `${bullmq.smooth.mostInAnyWindow} / ${ours.smooth.mostInAnyWindow}`,
      target: 'ours about 100',
    },
  ];
  const notes = [
    sideBySide(bullmq, ours),
    `${bullmq.throughput.note}; ${ours.throughput.note}. BullMQ: ${CONCURRENCY} jobs at once per worker process, its jobs and ` +
      `results kept in Redis (nothing else durable); ours: RabbitMQ (publish with confirms, consume with acks), results ` +
      `in Elasticsearch, counted once per batch in Redis. At 6,000/min: ${bullmq.smooth.count} BullMQ starts, ` +
      `${ours.smooth.count} of our publishes. Rate changes: BullMQ through \`queue.setGlobalRateLimit\` (1 -> 1,000 per ` +
      `second), each raise made 1 to 2 s (at random) after the lowering before it and kept 2 s, ${bullmq.change.missing} of ${bullmq.change.changes} not ` +
      `applied within ${RAISED_MS} ms; ours through \`PATCH /api/runs/:id\` just after a record went out, ` +
      `${ours.change.missing} of ${ours.change.changes} not applied within 500 ms. Load average between BullMQ and ours: ` +
      `${loadBetween}. ${machineNote(loadBefore)}`,
  ].join('\n\n');
  recordFigures('peer', figures, notes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
