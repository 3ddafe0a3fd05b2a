import type { Dataset } from '@app/contracts';
import { csvChunks, ReceivingEndpoint, TestSystem } from '@app/testing';
import { FAULTS, type Fault } from './faults';
import { rabbitmq } from './machine-services';
import { OwnRedis } from './own-redis';
import { runTrial, type TrialResult, type TrialRun } from './trial';

/**
 * `FAULTS=ci` runs the subset CI has time for, once each; the full suite (the default) runs every fault
 * `FAULT_TRIALS` times (3 unless told).
 */
const subset = process.env['FAULTS'] === 'ci' ? FAULTS.filter((fault) => fault.inCi) : FAULTS;
const trials = Number(process.env['FAULT_TRIALS'] ?? (process.env['FAULTS'] === 'ci' ? 1 : 3));

/**
 * Ports: the apis, schedulers and workers from `FAULT_BASE_PORT` (4200) on, the http runs' endpoint 9 above it; the
 * suite's Redis on `FAULT_REDIS_PORT` (6391). Another checkout runs the suite beside this one on other ports.
 */
const BASE_PORT = Number(process.env['FAULT_BASE_PORT'] ?? 4200);
const redis = new OwnRedis(Number(process.env['FAULT_REDIS_PORT'] ?? 6391));
const system = new TestSystem({
  apis: 2,
  schedulers: 2,
  workers: 2,
  basePort: BASE_PORT,
  redisUrl: redis.url,
  label: 'fault',
  env: { JOB_RETRY_BASE_DELAY_MS: '200', JOB_MAX_ATTEMPTS: '3' },
});
const apiUrls = [system.apiUrl, `http://127.0.0.1:${BASE_PORT + 1}`];
const endpoint = new ReceivingEndpoint(BASE_PORT + 9);

const SQUARES: TrialRun = { total: 3_000, ratePerMinute: 18_000, processor: 'square' };
const POISON: TrialRun = { total: 200, ratePerMinute: 6_000, processor: 'poison' };
/** The `http` runs' dataset: as many records as SQUARES, at its pace; uploaded once the system is up. */
const DELIVERED_ROWS = SQUARES.total;
let deliveries: TrialRun | undefined;

function trialRun(fault: Fault): TrialRun {
  if (fault.processor === 'poison') return POISON;
  if (fault.processor !== 'http') return SQUARES;
  if (!deliveries) throw new Error('the dataset of the http runs was not uploaded');
  return deliveries;
}

interface Row {
  fault: string;
  trials: number;
  lost: number;
  doubleCounted: number;
  secondsToRecover: number[];
  failedChecks: string[];
  /** For `http` runs, each trial's deliveries of a record already accepted, which the endpoint took once. */
  repeatedDeliveries?: number[];
  skipped?: string;
}
const rows: Row[] = [];

beforeAll(async () => {
  await redis.start();
  await system.start();
  await endpoint.start();
  const uploaded = await system.uploadDataset<Dataset>('fault-deliveries', 'text/csv', csvChunks(DELIVERED_ROWS));
  if (uploaded.status !== 201) throw new Error(`the upload answered ${uploaded.status}`);
  deliveries = { ...SQUARES, processor: 'http', delivery: { datasetId: uploaded.body.id, endpoint } };
}, 180_000);

afterAll(async () => {
  // Whatever failed, the machine's RabbitMQ is left running, as the suite found it.
  console.log(formatTable(rows));
  if (!(await rabbitmq.isRunning())) await rabbitmq.startApp();
  try {
    await system.stop();
  } finally {
    await endpoint.stop();
    await redis.stop();
  }
}, 180_000);

describe.each(subset.map((fault) => [fault.name, fault] as const))('%s', (_name, fault: Fault) => {
  it(`loses nothing and counts nothing twice over ${trials} trial(s)`, async () => {
    const unavailable = fault.unavailable?.() ?? null;
    if (unavailable) {
      rows.push({ fault: fault.name, trials: 0, lost: 0, doubleCounted: 0, secondsToRecover: [], failedChecks: [], skipped: unavailable });
      return;
    }
    const results: TrialResult[] = [];
    for (let trial = 0; trial < trials; trial++) {
      results.push(await runTrial(system, apiUrls, trialRun(fault), () => fault.inject({ system, redis })));
    }
    const row: Row = {
      fault: fault.name,
      trials,
      lost: sum(results.map((r) => r.lost)),
      doubleCounted: sum(results.map((r) => r.doubleCounted)),
      secondsToRecover: results.map((r) => r.secondsToRecover),
      failedChecks: [
        ...new Set(
          results.flatMap((r) =>
            Object.entries(r.checks)
              .filter(([, held]) => !held)
              .map(([check]) => check),
          ),
        ),
      ],
      ...(fault.processor === 'http' && { repeatedDeliveries: results.map((r) => r.repeatedDeliveries ?? 0) }),
    };
    rows.push(row);
    expect(row).toMatchObject({ lost: 0, doubleCounted: 0, failedChecks: [] });
  });
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function formatTable(table: Row[]): string {
  const lines = ['| fault | trials | lost | double-counted | seconds to recover, each trial | invariants |', '|---|---|---|---|---|---|'];
  for (const row of table) {
    if (row.skipped) {
      lines.push(`| ${row.fault} | 0 | - | - | - | skipped: ${row.skipped} |`);
      continue;
    }
    const recover = row.secondsToRecover.map((seconds) => seconds.toFixed(1)).join(', ');
    const held = row.failedChecks.length === 0 ? 'all held' : `broken: ${row.failedChecks.join(', ')}`;
    const repeated = row.repeatedDeliveries ? `; deliveries repeated (taken once): ${row.repeatedDeliveries.join(', ')}` : '';
    lines.push(`| ${row.fault} | ${row.trials} | ${row.lost} | ${row.doubleCounted} | ${recover} | ${held}${repeated} |`);
  }
  return lines.join('\n');
}
