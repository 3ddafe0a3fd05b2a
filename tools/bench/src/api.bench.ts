/**
 * Api latency benchmark (`npm run bench:api`, `-- --full` for the long form): `GET /api/runs/:id` and
 * `POST /api/runs` at a fixed 500 requests a second each (open loop, autocannon), first with the system idle, then
 * while a run of many records goes at 600,000/min with 2 workers. Prints p50/p99/max, errors and non-2xx answers of
 * each (SPEC.md: idle p99 < 15 ms; under a full-speed run p99 < 50 ms and p50 < 5 ms; 0 errors).
 *
 * The load: autocannon's rate limit is a per-connection quota per second (see `loadPlan`), so the bench runs
 * `BENCH_API_INSTANCES` instances of one request per connection per second, started evenly over the second: every
 * request leaves at its connection's tick, whatever the answers before it. The latency kept is each answer's
 * `responseTime` as autocannon reports it (request written to response complete), every 2xx and non-2xx answer;
 * autocannon's own histogram is not used, as its coordinated-omission correction assumes an interval of
 * `ceil(1 / rate)` ms and so adds made-up samples. A request still unanswered at its connection's next tick (1 s)
 * delays that connection's next one: the bench prints how many answers took that long.
 *
 * Each POST creates a real run of 1 record at 60/min: its one record is published at once and processed, so the
 * created runs complete within the phase and do not pile up in the scheduler.
 */
import autocannon from 'autocannon';
import type { Run } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';
import { fullMode, recordFigures, type Figure } from './figures';
import { loadAverage } from './machine';
import { latencySummary, loadPlan } from './latency-stats';

const RATE_PER_SECOND = 500;
const INSTANCES = Number(process.env['BENCH_API_INSTANCES'] ?? 100);
const PHASE_SECONDS = Number(process.env['BENCH_API_SECONDS'] ?? (fullMode() ? 60 : 20));
/** The run that keeps the workers busy: more records than 2 workers process during both loaded phases. */
const BUSY_RUN_TOTAL = 5_000_000;
const CREATE_BODY = JSON.stringify({ total: 1, ratePerMinute: 60 });

interface PhaseResult {
  latencies: number[];
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: number;
}

/** One scenario: `INSTANCES` autocannon instances started evenly over a second, their answers collected together. */
async function phase(options: {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}): Promise<PhaseResult> {
  const plan = loadPlan(RATE_PER_SECOND, INSTANCES);
  const latencies: number[] = [];
  const runs: Promise<autocannon.Result>[] = [];
  for (let i = 0; i < plan.instances; i++) {
    const settings = {
      ...options,
      connections: plan.connections,
      connectionRate: 1,
      duration: PHASE_SECONDS,
      // Collected below from every answer; autocannon's histogram would add its made-up corrected samples.
      ignoreCoordinatedOmission: true,
    };
    runs.push(
      new Promise((resolve, reject) => {
        const instance = autocannon(settings, (error: unknown, result) => (error ? reject(error) : resolve(result)));
        instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, plan.staggerMs));
  }
  const results = await Promise.all(runs);
  const sum = (pick: (result: autocannon.Result) => number) => results.reduce((total, result) => total + pick(result), 0);
  return {
    latencies,
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
    non2xx: sum((result) => result.non2xx),
    requests: sum((result) => result.requests.total),
  };
}

function figures(name: string, result: PhaseResult, targets: { p50?: string; p99: string }): Figure[] {
  const { p50, p99, max } = latencySummary(result.latencies);
  const slow = result.latencies.filter((ms) => ms >= 1000).length;
  const rate = result.requests / PHASE_SECONDS;
  return [
    { figure: `${name}: p50`, measured: `${p50.toFixed(1)} ms`, target: targets.p50 },
    { figure: `${name}: p99`, measured: `${p99.toFixed(1)} ms`, target: targets.p99 },
    { figure: `${name}: max`, measured: `${max.toFixed(1)} ms` },
    {
      figure: `${name}: errors (of them timeouts), non-2xx, of requests answered; answers >= 1 s`,
      measured: `${result.errors} (${result.timeouts}), ${result.non2xx}, of ${result.requests} (${rate.toFixed(0)}/s); ${slow}`,
      target: '0 errors',
    },
  ];
}

async function main(): Promise<void> {
  const system = new TestSystem({ workers: 2, basePort: 5720, label: 'bench' });
  await system.start();
  try {
    const headers = system.authorization();
    const runs = `${system.apiUrl}/api/runs`;
    const get = (id: string) => ({ url: `${runs}/${id}`, method: 'GET' as const, headers });
    const create = { url: runs, method: 'POST' as const, headers: { ...headers, 'content-type': 'application/json' }, body: CREATE_BODY };
    const allCompleted = async () => {
      const { body } = await system.api<{ items: Run[] }>('GET', '/runs?status=running&limit=1');
      return body.items.length === 0;
    };
    const loadAverages: string[] = [];

    // A run that is there to be read, done before the idle phases start.
    const { body: target } = await system.api<Run>('POST', '/runs', { total: 1, ratePerMinute: 60 });
    await waitFor(async () => (await system.api<Run>('GET', `/runs/${target.id}`)).body.status === 'completed', 30_000, 'the run to read');

    loadAverages.push(`before GET idle ${loadAverage()}`);
    const getIdle = await phase(get(target.id));
    loadAverages.push(`before POST idle ${loadAverage()}`);
    const postIdle = await phase(create);
    await waitFor(allCompleted, 120_000, 'the created runs to complete');

    const { body: busy } = await system.api<Run>('POST', '/runs', { total: BUSY_RUN_TOTAL, ratePerMinute: 600_000 });
    await waitFor(
      async () => (await system.api<Run>('GET', `/runs/${busy.id}`)).body.processed > 10_000,
      60_000,
      'the busy run to get going',
    );
    const processedBefore = (await system.api<Run>('GET', `/runs/${busy.id}`)).body.processed;
    const loadedStarted = Date.now();
    loadAverages.push(`before GET loaded ${loadAverage()}`);
    const getLoaded = await phase(get(busy.id));
    loadAverages.push(`before POST loaded ${loadAverage()}`);
    const postLoaded = await phase(create);
    const { processed, status } = (await system.api<Run>('GET', `/runs/${busy.id}`)).body;
    const busyRate = (processed - processedBefore) / ((Date.now() - loadedStarted) / 1000);
    await system.api('POST', `/runs/${busy.id}/stop`);
    if (status !== 'running') throw new Error(`the busy run was ${status} before the loaded phases ended: raise BUSY_RUN_TOTAL`);

    recordFigures(
      'api',
      [
        ...figures('GET /api/runs/:id, idle', getIdle, { p99: '< 15 ms' }),
        ...figures('POST /api/runs, idle', postIdle, { p99: '< 15 ms' }),
        ...figures('GET /api/runs/:id, full-speed run', getLoaded, { p50: '< 5 ms', p99: '< 50 ms' }),
        ...figures('POST /api/runs, full-speed run', postLoaded, { p50: '< 5 ms', p99: '< 50 ms' }),
        { figure: 'records processed per second meanwhile (2 workers, asked 600,000/min)', measured: busyRate.toFixed(0) },
      ],
      `${RATE_PER_SECOND} requests/s for ${PHASE_SECONDS} s a phase, from ${INSTANCES} autocannon instances of ` +
        `${RATE_PER_SECOND / INSTANCES} connections at 1 request/s each, started ${1000 / INSTANCES} ms apart; latency ` +
        "from the request written to the response read (autocannon's responseTime, no coordinated-omission correction: " +
        'each request leaves at its own tick, so none waits for another). Each POST creates a run of 1 record at 60/min. ' +
        `Load average (1 / 5 / 15 min): ${loadAverages.join('; ')}.`,
    );
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
