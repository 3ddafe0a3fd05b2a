/**
 * Dashboard benchmark (`npm run bench:dashboard`; `-- --full` for the long form, `-- --trace` to keep a trace): the
 * api (serving the built dashboard), a scheduler and two workers as real processes; a full-speed run (200,000
 * records at 600,000/min, so as fast as the workers go; 1,000,000 in the long form) watched on the runs page in a
 * headless Chromium, signed in as the viewer. Reports (`recordFigures('dashboard', ...)`):
 *  - the main thread's long tasks (`PerformanceObserver` 'longtask', buffered) during the run: the longest and how
 *    many (target: longest < 50 ms), and the longest after the run's first second (the new card's first render done);
 *  - processed-to-screen latency p50/p95/max (target: p95 <= 250 ms): this process samples the run's `processed`
 *    field in Redis every few ms with timestamps; the page records each value its Processed counter shows
 *    (a MutationObserver, stamped at the next animation frame, i.e. the frame that paints it); latency is
 *    the time shown minus the first time the counter reached that value. Both clocks are
 *    `performance.timeOrigin + performance.now()` on the same machine.
 * `--trace` saves Chromium's trace (playwright-core's default timeline and CPU profile categories) of the run's first
 * 10 s, from the idle second before it, to `tmp/bench/dashboard-trace.json` (open it in DevTools' Performance panel),
 * and notes the longest main-thread task it holds with its CPU time: a wall time far above it is a thread that waited.
 * Options (environment): BENCH_TOTAL [200000; 1000000 in full], BENCH_RATE [600000], BENCH_WORKERS [2],
 * BENCH_DASHBOARD_DIR [dist/apps/dashboard/browser], CHROMIUM [/usr/bin/chromium].
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { RUN_HASH_FIELDS, redisKeys, type Run } from '@app/contracts';
import { chromiumLaunchOptions, TestSystem, waitFor } from '@app/testing';
import { displayLatency, longTasks, rendererMainTasks, type CounterSample, type LongTask, type TraceEvent } from './display-latency';
import { fullMode, recordFigures } from './figures';

const ROOT = resolve(__dirname, '../../..');
const TOTAL = Number(process.env['BENCH_TOTAL'] ?? (fullMode() ? 1_000_000 : 200_000));
const RATE = Number(process.env['BENCH_RATE'] ?? 600_000);
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 2);
const DASHBOARD_DIR = process.env['BENCH_DASHBOARD_DIR'] ?? join(ROOT, 'dist', 'apps', 'dashboard', 'browser');
const SAMPLE_EVERY_MS = 2;
const TRACE = process.argv.includes('--trace') ? join(ROOT, 'tmp', 'bench', 'dashboard-trace.json') : null;
/** How much of the run the trace covers: the new card's first render and the counters' first seconds. */
const TRACE_MS = 10_000;
/** The mark the page sets just before the run is created, to find that moment in the trace. */
const RUN_MARK = 'bench:run-created';

// The global `performance` (not node:perf_hooks' import): the functions below also run in the page,
// serialized as written, where a module's binding would not exist.
const now = () => performance.timeOrigin + performance.now();

/** What the page keeps for the bench (installed before the dashboard's own scripts run). */
interface Probe {
  longTasks: LongTask[];
  shown: CounterSample[];
}
type ProbeWindow = Window & { __bench: Probe };

function installProbe(): void {
  const probe: Probe = { longTasks: [], shown: [] };
  (window as unknown as ProbeWindow).__bench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      probe.longTasks.push({ start: performance.timeOrigin + entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Watches the Processed figure of run `id`'s card; false while the card is not there yet. */
function watchProcessed(id: string): boolean {
  const probe = (window as unknown as ProbeWindow).__bench;
  const card = Array.from(document.querySelectorAll('article')).find(
    (article) => article.querySelector('h3 code')?.textContent?.trim() === id,
  );
  const term = Array.from(card?.querySelectorAll('dt') ?? []).find((dt) => dt.textContent?.trim() === 'Processed');
  const figure = term?.nextElementSibling;
  if (!figure) return false;
  const read = () => Number((figure.textContent ?? '').replace(/\D/g, ''));
  new MutationObserver(() => {
    const value = read();
    requestAnimationFrame(() => probe.shown.push({ at: performance.timeOrigin + performance.now(), value }));
  }).observe(figure, { characterData: true, childList: true, subtree: true });
  return true;
}

const ms = (value: number) => `${Number.isFinite(value) ? value.toFixed(1) : '-'} ms`;
const load = () =>
  loadavg()
    .slice(0, 2)
    .map((value) => value.toFixed(1))
    .join(' / ');

/** The longest task of the trace after the run's mark, and the one that ran longest on the CPU. */
function traceNote(path: string): string {
  const file = relative(ROOT, path);
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
  const mark = traceEvents.find((event) => event.name === RUN_MARK);
  const tasks = mark ? rendererMainTasks(traceEvents).filter((task) => task.ts >= mark.ts) : [];
  if (!mark || tasks.length === 0) return `Trace: \`${file}\` (no main-thread task after the run's mark in it).`;
  const longest = tasks.reduce((a, b) => (b.wall > a.wall ? b : a));
  const busiest = tasks.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  const at = (task: { ts: number }) => `${((task.ts - mark.ts) / 1e6).toFixed(2)} s`;
  return (
    `Trace of the run's first ${TRACE_MS / 1000} s: \`${file}\`; its longest main-thread task ${ms(longest.wall)} at ${at(longest)}, ` +
    `${ms(longest.cpu)} of it on the CPU; the most CPU in one task ${ms(busiest.cpu)} (${ms(busiest.wall)} wall) at ${at(busiest)}.`
  );
}

async function main(): Promise<void> {
  console.log(`dashboard benchmark: ${TOTAL.toLocaleString('en-US')} records at ${RATE.toLocaleString('en-US')}/min, ${WORKERS} workers`);
  const system = new TestSystem({ workers: WORKERS, basePort: 4130, label: 'bench', env: { DASHBOARD_DIR } });
  const [browser] = await Promise.all([chromium.launch(chromiumLaunchOptions()), system.start()]);
  let sampling = true;
  let sampler: Promise<void> = Promise.resolve();
  let tracing: Promise<unknown> = Promise.resolve();
  try {
    const context = await browser.newContext({ baseURL: system.apiUrl, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    // Signed in as the viewer with the sign-in link: it only watches.
    await page.goto(`/#token=${system.tokens.viewer}`);
    // The page has loaded, connected its live feed and gone idle: its start-up work is not the run's.
    await page
      .getByRole('status')
      .filter({ hasText: /Live feed:\s*Live/ })
      .first()
      .waitFor({ timeout: 30_000 });
    // Started before the idle wait: starting the CPU profiler takes the main thread for a while.
    if (TRACE) await browser.startTracing(page, { path: TRACE });
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 })));
    const loadBefore = load();

    await page.evaluate((mark) => performance.mark(mark), RUN_MARK);
    const { body: created } = await system.api<Run>('POST', '/runs', { total: TOTAL, ratePerMinute: RATE });
    const runStart = now();
    if (TRACE) tracing = delay(TRACE_MS).then(() => browser.stopTracing());
    const runKey = redisKeys(system.namespace).run(created.id);
    const samples: CounterSample[] = [];
    sampler = (async () => {
      let last = -1;
      while (sampling) {
        const sent = now();
        const value = Number((await system.redis.hget(runKey, RUN_HASH_FIELDS.processed)) ?? 0);
        // The value was read somewhere between sending and the reply: the midpoint, within a fraction of a ms.
        if (value !== last) samples.push({ at: (sent + now()) / 2, value });
        last = value;
        await delay(SAMPLE_EVERY_MS);
      }
    })();

    await waitFor(() => page.evaluate(watchProcessed, created.id), 10_000, 'the run to be shown');
    let run = created;
    await waitFor(
      async () => {
        run = (await system.api<Run>('GET', `/runs/${created.id}`)).body;
        return run.status === 'completed';
      },
      1_800_000,
      'the run to complete',
    );
    const runEnd = now();
    // The last value reaches the page a moment later.
    const lastShown = () => page.evaluate(() => (window as unknown as ProbeWindow).__bench.shown.at(-1)?.value);
    await waitFor(async () => (await lastShown()) === TOTAL, 10_000, 'the page to show the final count').catch(async (error: unknown) => {
      const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__bench);
      console.error(`page showed ${probe.shown.length} values, the last ${JSON.stringify(probe.shown.slice(-3))}`);
      await page.screenshot({ path: join(ROOT, 'tmp', 'bench-dashboard-failure.png'), fullPage: true });
      throw error;
    });
    sampling = false;
    await sampler;
    await tracing;
    const loadAfter = load();

    const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__bench);
    const latency = displayLatency(samples, probe.shown);
    const during = longTasks(probe.longTasks, runStart, runEnd + 1_000);
    // Past the first second: the steady state of counters moving, the new run's card built.
    const steady = longTasks(probe.longTasks, runStart + 1_000, runEnd + 1_000);
    const loading = longTasks(probe.longTasks, 0, runStart);
    const seconds = (runEnd - runStart) / 1000;
    const listed = probe.longTasks.filter((task) => task.start >= runStart && task.start <= runEnd + 1_000);

    console.log(`\nrun ${created.id}: ${run.processed.toLocaleString('en-US')} processed in ${seconds.toFixed(1)} s`);
    recordFigures(
      'dashboard',
      [
        { figure: 'longest main-thread task during a full-speed run', measured: ms(during.longest), target: '< 50 ms' },
        { figure: 'long tasks (>= 50 ms) during the run', measured: String(during.count) },
        { figure: "longest task after the run's first second", measured: ms(steady.longest) },
        { figure: 'processed -> screen latency p50', measured: ms(latency.p50) },
        { figure: 'processed -> screen latency p95', measured: ms(latency.p95), target: '<= 250 ms' },
        { figure: 'processed -> screen latency max', measured: ms(latency.max) },
      ],
      [
        `${TOTAL.toLocaleString('en-US')} records at ${RATE.toLocaleString('en-US')}/min, ${WORKERS} workers, done in ${seconds.toFixed(1)} s; ` +
          `Chromium ${browser.version()} headless, 1280×900, the runs page as the viewer. Load average (1 / 5 min) ${loadBefore} before the run, ${loadAfter} after.`,
        `Long tasks during the run${listed.length > 0 ? ` (s after its start): ${listed.map((task) => `${((task.start - runStart) / 1000).toFixed(1)} s ${ms(task.duration)}`).join(', ')}` : ': none'}; ` +
          `while the page loaded (not counted): ${loading.count}, longest ${ms(loading.longest)}.`,
        `Latency over ${latency.count} values shown (${probe.shown.length} shown, ${samples.length} Redis samples every ${SAMPLE_EVERY_MS} ms; ` +
          `${latency.clamped} shown before sampled, counted as 0 ms; ${latency.unmatched} unmatched).`,
        ...(TRACE ? [traceNote(TRACE)] : []),
      ].join('\n\n'),
    );
  } finally {
    sampling = false;
    await sampler.catch(() => undefined);
    await tracing.catch(() => undefined);
    await browser.close();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
