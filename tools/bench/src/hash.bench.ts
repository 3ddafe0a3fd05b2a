/**
 * Hash benchmark (`npm run bench:hash`, `-- --full` for five minutes): a `hash` run keeping the worker's thread pool
 * busy (every core) for a minute, against the real stack with one worker, and the worker's event-loop lag meanwhile: its `/metrics` are
 * scraped every 5 s, and prom-client's `nodejs_eventloop_lag_p99_seconds` covers the time since the scrape before
 * (the histogram is reset at each; it counts from the last tick of prom-client's 10 ms timer, so an idle process
 * shows about 10 ms). Reports the worst and the median window's p99 (SPEC.md: p99 < 20 ms, heartbeats and acks never
 * late) beside the scheduler's (which hashes nothing) over the same windows, the records hashed per second, and
 * whether the worker ever dropped out of `GET /api/workers`.
 */
import type { Run, WorkerStatus } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';
import { fullMode, recordFigures } from './figures';
import { loadAverage, machineNote } from './machine';

const ROUNDS = Number(process.env['BENCH_HASH_ROUNDS'] ?? 20_000);
const SECONDS = Number(process.env['BENCH_HASH_SECONDS'] ?? (fullMode() ? 300 : 60));
const SCRAPE_MS = 5_000;

async function lagP99Ms(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const match = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([\d.e+-]+)$/m.exec(text);
  if (!match) throw new Error(`no nodejs_eventloop_lag_p99_seconds at ${metricsUrl}`);
  return Number(match[1]) * 1000;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const system = new TestSystem({ workers: 1, basePort: 5470, label: 'bench' });
  const loadBefore = loadAverage();
  await system.start();
  try {
    const metricsUrl = `${system.url('worker-1')}/metrics`;
    // The scheduler's lag over the same windows: a process that hashes nothing, showing what the machine's load
    // and the timer's resolution account for.
    const baselineUrl = `${system.url('scheduler-1')}/metrics`;
    // A rate well over what the pool sustains: the run is held back by its queue, and the pool never idles.
    const total = 1_000_000;
    const { body: run } = await system.api<Run>('POST', '/runs', { total, ratePerMinute: 600_000, processor: 'hash', rounds: ROUNDS });
    await waitFor(async () => (await system.api<Run>('GET', `/runs/${run.id}`)).body.processed > 0, 60_000, 'the first record hashed');
    await Promise.all([lagP99Ms(metricsUrl), lagP99Ms(baselineUrl)]); // starts the first window now
    const lags: number[] = [];
    const baseline: number[] = [];
    let missing = 0;
    const started = Date.now();
    const processedBefore = (await system.api<Run>('GET', `/runs/${run.id}`)).body.processed;
    while (Date.now() - started < SECONDS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, SCRAPE_MS));
      const [lag, idle] = await Promise.all([lagP99Ms(metricsUrl), lagP99Ms(baselineUrl)]);
      lags.push(lag);
      baseline.push(idle);
      const workers = (await system.api<WorkerStatus[]>('GET', '/workers')).body;
      if (workers.length === 0) missing++;
    }
    const { processed } = (await system.api<Run>('GET', `/runs/${run.id}`)).body;
    const perSecond = (processed - processedBefore) / ((Date.now() - started) / 1000);
    await system.api('POST', `/runs/${run.id}/stop`);
    recordFigures(
      'hash',
      [
        { figure: 'worker event-loop lag p99, worst 5 s window', measured: ms(Math.max(...lags)), target: '< 20 ms' },
        { figure: 'worker event-loop lag p99, median 5 s window', measured: ms(median(lags)) },
        {
          figure: "the scheduler's (no hashing) over the same windows: median, worst",
          measured: `${ms(median(baseline))}, ${ms(Math.max(...baseline))}`,
        },
        { figure: `records hashed per second (${ROUNDS.toLocaleString('en-US')} rounds each)`, measured: perSecond.toFixed(0) },
        {
          figure: 'scrapes where the worker was missing from `GET /api/workers`',
          measured: String(missing),
          target: '0 (heartbeat on time)',
        },
      ],
      `One worker, a \`hash\` run asked at 600,000/min (its pool never idles), ${lags.length} windows of ${SCRAPE_MS / 1000} s. ` +
        machineNote(loadBefore),
    );
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
