import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WORKER_LIVENESS_MS, type Run, type ResultPage, type WorkerStatus } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';
import { getRun } from './runs';

// Ports: api 4330, scheduler 4331, worker 4332. One worker, with the default pool: one thread per core.
const system = new TestSystem({ workers: 1, basePort: 4330 });

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

/** About 20 ms of hashing per record (a microsecond a round), so two threads hash some 100 records a second. */
const ROUNDS = 20_000;
/** Twice what two threads hash: the pool never runs out of work. The run is stopped once measured. */
const RATE_PER_MINUTE = 12_000;
const TOTAL = 100_000;
const SAMPLE_EVERY_MS = 100;
const SAMPLING_MS = 10_000;

/** The machine's 1-minute load average: what else ran on its cores meanwhile. */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rule of `iteratedSha256`, written again with `createHash`: round 1 hashes the text, each later one the raw digest. */
function expectedDigest(text: string, rounds: number): string {
  let digest = createHash('sha256').update(text, 'utf8').digest();
  for (let round = 2; round <= rounds; round++) digest = createHash('sha256').update(digest).digest();
  return digest.toString('hex');
}

/** The values of unlabelled series on the worker's `/metrics`, from one reading. */
async function workerMetrics(...names: string[]): Promise<number[]> {
  const lines = (await (await fetch(`${system.url('worker-1')}/metrics`)).text()).split('\n');
  return names.map((name) => Number(lines.find((line) => line.startsWith(`${name} `))?.split(' ')[1] ?? NaN));
}

/**
 * Requests each of `urls` in turn every `everyMs` until `untilMs` (epoch), and gives how long each took to answer
 * 200, in ms, url by url.
 */
async function answerTimes(urls: readonly string[], everyMs: number, untilMs: number): Promise<number[][]> {
  const times = urls.map((): number[] => []);
  while (Date.now() < untilMs) {
    const tick = performance.now();
    for (const [i, url] of urls.entries()) {
      const started = performance.now();
      const response = await fetch(url);
      await response.text();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      times[i].push(performance.now() - started);
    }
    await sleep(Math.max(0, everyMs - (performance.now() - tick)));
  }
  return times;
}

/**
 * Reads `GET /api/workers` every `everyMs` until `untilMs`: the age of the worker's last heartbeat each time, or null
 * when it was not listed.
 */
async function heartbeatAges(workerId: string, everyMs: number, untilMs: number): Promise<(number | null)[]> {
  const ages: (number | null)[] = [];
  while (Date.now() < untilMs) {
    const readAt = Date.now();
    const worker = (await system.api<WorkerStatus[]>('GET', '/workers')).body.find(({ id }) => id === workerId);
    ages.push(worker ? readAt - Date.parse(worker.lastSeenAt) : null);
    await sleep(everyMs);
  }
  return ages;
}

/** The 50th, 95th and 99th percentiles and the maximum of some times, rounded to the ms. */
function percentiles(times: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

const describeTimes = ({ p50, p95, p99, max }: ReturnType<typeof percentiles>) => `p50 ${p50} / p95 ${p95} / p99 ${p99} / max ${max} ms`;

describe('a hash run at full CPU', () => {
  it('keeps the worker answering /health within 50 ms and heartbeating on time, and stores correct digests', async () => {
    const created = await system.api<Run>('POST', '/runs', {
      total: TOTAL,
      ratePerMinute: RATE_PER_MINUTE,
      processor: 'hash',
      rounds: ROUNDS,
    });
    expect(created.status).toBe(201);
    const runId = created.body.id;
    // A batch's worth waiting: from here on the pool is busy.
    await waitFor(async () => (await getRun(system, runId)).published >= 300, 30_000, 'a batch of records to be published');

    // Reading the metrics resets the event loop's lag histogram: the next reading covers the sampling alone.
    const [cpuBefore] = await workerMetrics('process_cpu_seconds_total');
    const until = Date.now() + SAMPLING_MS;
    // The scheduler, idle meanwhile, shows what the loaded machine itself adds to an answer.
    const [[worker, scheduler], ages] = await Promise.all([
      answerTimes([`${system.url('worker-1')}/health`, `${system.url('scheduler-1')}/health`], SAMPLE_EVERY_MS, until),
      heartbeatAges('worker-1', 500, until),
    ]);
    const [cpuAfter, lagP99] = await workerMetrics('process_cpu_seconds_total', 'nodejs_eventloop_lag_p99_seconds');
    const during = await getRun(system, runId);

    const [health, idle] = [percentiles(worker), percentiles(scheduler)];
    const cores = (cpuAfter - cpuBefore) / (SAMPLING_MS / 1_000);
    const listedAges = ages.filter((age): age is number => age !== null);
    console.log(
      `hash run, ${ROUNDS} rounds a record: the worker's /health answered ${worker.length} times in ${describeTimes(health)} ` +
        `(the idle scheduler's in ${describeTimes(idle)}); its event loop lag p99 ${Math.round(lagP99 * 1_000)} ms; ` +
        `heartbeat age at most ${Math.max(...listedAges)} ms; it used ${cores.toFixed(2)} cores ` +
        `and had ${during.queued} jobs waiting at the end; load average ${loadAverage()}`,
    );
    // The pool had work waiting all along (published at twice what it hashes): the worker was measured at full load.
    expect(during.queued).toBeGreaterThan(250);
    expect(worker.length).toBeGreaterThan(SAMPLING_MS / SAMPLE_EVERY_MS / 2);
    // The figures, on top of what the machine itself took to answer an idle service at the same moments (the
    // other work on its two cores): a blocked event loop answers in seconds, not tens of ms.
    expect(health.p95).toBeLessThan(50 + idle.p95);
    expect(health.max).toBeLessThan(250 + idle.max);
    // Listed every time, and never near the age at which a worker counts as gone.
    expect(listedAges).toHaveLength(ages.length);
    expect(Math.max(...listedAges)).toBeLessThan(WORKER_LIVENESS_MS);

    // Its first results, checked against the rule; the rest need not be hashed (the system's stop drops them).
    const firstResults = async () => (await system.api<ResultPage>('GET', `/runs/${runId}/results?size=5`)).body.items;
    await waitFor(async () => (await firstResults()).length === 5, 60_000, 'five results to be stored');
    expect((await system.api<Run>('POST', `/runs/${runId}/stop`)).status).toBe(200);
    const results = await firstResults();
    for (const result of results) expect(result.output).toBe(expectedDigest(String(result.input), ROUNDS));
  });
});
