/**
 * `http` delivery benchmark (`npm run bench:http`, add `-- --full` for five 60 s windows): against the real stack
 * with 2 workers, delivers a dataset's records with the `http` processor to a local endpoint (a process of its own
 * answering 204 at once), and reports (1) the pace at 60,000/min: the error of the records published, and of those
 * delivered, in each 60 s window against the schedule (SPEC.md: <= 1%), and (2) the most deliveries per second: a
 * run asked for 600,000/min (the most a run may ask), delivered records over the time between its first and last
 * delivery (SPEC.md: >= 3,000/s).
 */
import type { CreatedRun, Dataset, Run } from '@app/contracts';
import { TestSystem } from '@app/testing';
import { fullMode, recordFigures } from './figures';
import { endpointTarget, startEndpoint, uploadRecords } from './http-delivery';
import { loadAverage, machineNote } from './machine';
import { windowErrors, type WindowCount } from './pace-error';
import { completedRun, processedPerSecond } from './run-results';

const PACE_RATE = 60_000;
/** Seconds of publishing at the pace rate: one whole 60 s window and a little more, or five windows. */
const PACE_SECONDS = fullMode() ? 305 : 65;
const THROUGHPUT_RECORDS = Number(process.env['BENCH_HTTP_RECORDS'] ?? 100_000);
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 2);
const ENDPOINT_PORT = 5450;

async function deliverAll(system: TestSystem, dataset: Dataset, total: number, ratePerMinute: number): Promise<Run> {
  const created = await system.api<CreatedRun>('POST', '/runs', {
    datasetId: dataset.id,
    total,
    ratePerMinute,
    processor: 'http',
    target: endpointTarget(ENDPOINT_PORT),
  });
  if (created.status !== 201) throw new Error(`starting the run answered ${created.status}: ${JSON.stringify(created.body)}`);
  return completedRun(system, created.body.id, 600_000);
}

/** Records of the run whose `field` (publishedAt or processedAt) falls in each whole 60 s window from its start. */
async function windowCounts(system: TestSystem, run: Run, field: 'publishedAt' | 'processedAt'): Promise<WindowCount[]> {
  const startedAt = Date.parse(run.startedAt ?? run.createdAt);
  const windows = Math.floor(PACE_SECONDS / 60);
  const ranges = Array.from({ length: windows }, (_, k) => ({ from: startedAt + k * 60_000, to: startedAt + (k + 1) * 60_000 }));
  const result = await system.es.search({
    index: system.indices.jobs,
    size: 0,
    query: { term: { runId: run.id } },
    aggs: { windows: { range: { field, ranges } } },
  });
  const buckets = (result.aggregations as { windows: { buckets: { from: number; to: number; doc_count: number }[] } }).windows.buckets;
  return buckets.map((bucket) => ({ startMs: bucket.from - startedAt, endMs: bucket.to - startedAt, actual: bucket.doc_count }));
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

async function main(): Promise<void> {
  const paceRecords = Math.floor((PACE_RATE * PACE_SECONDS) / 60) + 1;
  const endpoint = await startEndpoint(ENDPOINT_PORT);
  const system = new TestSystem({ workers: WORKERS, basePort: 5460, label: 'bench' });
  console.log(`http delivery benchmark: ${WORKERS} workers, a local endpoint answering 204, ${PACE_SECONDS} s at the pace rate`);
  const loadBefore = loadAverage();
  await system.start();
  try {
    const dataset = await uploadRecords(system, 'bench-http', Math.max(paceRecords, THROUGHPUT_RECORDS));
    const paced = await deliverAll(system, dataset, paceRecords, PACE_RATE);
    const published = windowErrors(await windowCounts(system, paced, 'publishedAt'), PACE_RATE, paceRecords);
    const delivered = windowErrors(await windowCounts(system, paced, 'processedAt'), PACE_RATE, paceRecords);
    const fastest = await deliverAll(system, dataset, THROUGHPUT_RECORDS, 600_000);
    const perSecond = await processedPerSecond(system, [fastest]);
    const windows = `${published.windows} window${published.windows === 1 ? '' : 's'}`;
    recordFigures(
      'http',
      [
        {
          figure: `pace at 60,000/min, records published, worst 60 s window (${windows})`,
          measured: percent(published.worstWindowError),
          target: '<= 1%',
        },
        {
          figure: `pace at 60,000/min, records delivered, worst 60 s window (${windows})`,
          measured: percent(delivered.worstWindowError),
          target: '<= 1%',
        },
        {
          figure: `deliveries per second, ${THROUGHPUT_RECORDS.toLocaleString('en-US')} records asked at 600,000/min`,
          measured: Math.round(perSecond).toLocaleString('en-US'),
          target: '>= 3,000',
        },
      ],
      `${WORKERS} workers, \`target.concurrency\` 64, a local endpoint answering 204 at once. Failed records: ` +
        `${paced.failed} and ${fastest.failed}; the fast run was ${fastest.throttled ? '' : 'not '}held back at the end. ` +
        machineNote(loadBefore),
    );
  } finally {
    await system.stop();
    endpoint.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
