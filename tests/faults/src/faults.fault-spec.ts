import type { Dataset } from '@app/contracts';
import { csvChunks, faultRow, formatFaultTable, ReceivingEndpoint, runTrial, TestSystem, type FaultRow, type TrialRun } from '@app/testing';
import { FAULTS, type Fault } from './faults';
import { rabbitmq } from './machine-services';
import { OwnRedis } from './own-redis';

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

const rows: FaultRow[] = [];

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
  console.log(formatFaultTable(rows));
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
    const results = [];
    for (let trial = 0; trial < trials; trial++) {
      results.push(await runTrial(system, apiUrls, trialRun(fault), () => fault.inject({ system, redis })));
    }
    const row = faultRow(fault.name, results);
    rows.push(row);
    expect(row).toMatchObject({ lost: 0, doubleCounted: 0, failedChecks: [] });
  });
});
