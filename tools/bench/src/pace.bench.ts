/**
 * Pace benchmark (`npm run bench:pace`, add `-- --full` for the long mode): against the real stack, runs
 * Y = 60, 6,000, 60,000 and 300,000 per minute one after the other and reports, per rate, the worst and
 * mean error of the published count over 60 s windows (measured from the run's start) and of the whole
 * run's publishing time, against the schedule. Counts come from the `publishedAt` of every stored record:
 * each was published (and confirmed) at the scheduler tick that stamped it.
 */
import type { Run } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';
import { fullMode, recordFigures } from './figures';
import { loadAverage, machineNote } from './machine';
import { wholeRunError, windowErrors, type WindowCount } from './pace-error';

const RATES = [60, 6_000, 60_000, 300_000];
const full = fullMode();
/** Seconds of publishing per rate: one whole 60 s window and a little more, or five windows. */
const SECONDS = full ? 300 : 65;
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 2);

interface PaceResult {
  ratePerMinute: number;
  total: number;
  windows: number;
  worstWindowError: number;
  meanWindowError: number;
  wholeRunError: number;
  throttled: boolean;
}

async function measure(system: TestSystem, ratePerMinute: number): Promise<PaceResult> {
  const total = Math.floor((ratePerMinute * SECONDS) / 60) + 1;
  const { body: run } = await system.api<Run>('POST', '/runs', { total, ratePerMinute });
  const startedAt = Date.parse(run.startedAt ?? run.createdAt);
  let throttled = false;
  let last = run;
  await waitFor(
    async () => {
      last = (await system.api<Run>('GET', `/runs/${run.id}`)).body;
      throttled ||= last.throttled;
      return last.status === 'completed';
    },
    (SECONDS + 300) * 1000,
    `the ${ratePerMinute}/min run to complete`,
  );
  await system.es.indices.refresh({ index: system.indices.jobs });
  const windowCount = Math.floor(SECONDS / 60);
  const ranges = Array.from({ length: windowCount }, (_, k) => ({ from: startedAt + k * 60_000, to: startedAt + (k + 1) * 60_000 }));
  const result = await system.es.search({
    index: system.indices.jobs,
    size: 0,
    query: { term: { runId: run.id } },
    aggs: {
      windows: { range: { field: 'publishedAt', ranges } },
      last: { max: { field: 'publishedAt' } },
    },
  });
  const aggs = result.aggregations as {
    windows: { buckets: { from: number; to: number; doc_count: number }[] };
    last: { value: number };
  };
  const counts: WindowCount[] = aggs.windows.buckets.map((bucket) => ({
    startMs: bucket.from - startedAt,
    endMs: bucket.to - startedAt,
    actual: bucket.doc_count,
  }));
  return {
    ratePerMinute,
    total,
    ...windowErrors(counts, ratePerMinute, total),
    wholeRunError: wholeRunError(aggs.last.value - startedAt, ratePerMinute, total),
    throttled,
  };
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

const perMinute = (rate: number) => `${rate.toLocaleString('en-US')}/min`;

/** The per-rate detail under the figures: every error the bench computes, and whether backpressure held the run back. */
function detailTable(results: readonly PaceResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.ratePerMinute.toLocaleString('en-US')} | ${r.total.toLocaleString('en-US')} | ${r.windows} | ${percent(r.worstWindowError)} | ` +
      `${percent(r.meanWindowError)} | ${percent(r.wholeRunError)} | ${r.throttled ? 'yes' : 'no'} |`,
  );
  return [
    '| Y (per min) | records | 60 s windows | worst window error | mean window error | whole-run error | throttled |',
    '|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const system = new TestSystem({ workers: WORKERS, basePort: 3960, label: 'bench' });
  console.log(`pace benchmark, ${full ? 'full' : 'short'} mode: ${SECONDS} s of publishing per rate, ${WORKERS} workers`);
  const loadBefore = loadAverage();
  await system.start();
  const results: PaceResult[] = [];
  try {
    for (const rate of RATES) {
      const result = await measure(system, rate);
      results.push(result);
      console.log(
        `  ${perMinute(rate)}: worst 60 s window ${percent(result.worstWindowError)}, whole run ${percent(result.wholeRunError)}` +
          (result.throttled ? ' (throttled by backpressure)' : ''),
      );
    }
  } finally {
    await system.stop();
  }
  recordFigures(
    'pace',
    results.map((r) => ({
      figure: `pace error at ${perMinute(r.ratePerMinute)}, worst 60 s window (${r.windows} counted)`,
      measured: percent(r.worstWindowError),
      target: '<= 1%',
    })),
    `${SECONDS} s of publishing per rate, ${WORKERS} workers; windows counted from each run's start, from the stored ` +
      `\`publishedAt\`s. ${machineNote(loadBefore)}\n\n${detailTable(results)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
