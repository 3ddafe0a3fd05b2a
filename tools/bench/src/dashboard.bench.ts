/**
 * Dashboard benchmark (`npm run bench:dashboard`): the api (serving the built dashboard), a scheduler and
 * two workers as real processes; a full-speed run (200,000 records at 600,000/min, so as fast as the workers
 * go) watched on the runs page in a headless Chromium. Prints:
 *  - the main thread's long tasks (`PerformanceObserver` 'longtask', buffered) during the run: the longest
 *    and how many (target: longest < 50 ms);
 *  - processed-to-screen latency p50/p95 (target: p95 <= 250 ms): this process samples the run's `processed`
 *    field in Redis every few ms with timestamps; the page records each value its Processed counter shows
 *    (a MutationObserver, stamped at the next animation frame, i.e. the frame that paints it); latency is
 *    the time shown minus the first time the counter reached that value. Both clocks are
 *    `performance.timeOrigin + performance.now()` on the same machine.
 * Options (environment): BENCH_TOTAL [200000], BENCH_RATE [600000], BENCH_WORKERS [2], BENCH_DASHBOARD_DIR
 * [dist/apps/dashboard/browser], CHROMIUM [/usr/bin/chromium].
 */
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { RUN_HASH_FIELDS, redisKeys, type Run } from '@app/contracts';
import { chromiumLaunchOptions, TestSystem, waitFor } from '@app/testing';
import { displayLatency, longTasks, type CounterSample, type LongTask } from './display-latency';

const ROOT = resolve(__dirname, '../../..');
const TOTAL = Number(process.env['BENCH_TOTAL'] ?? 200_000);
const RATE = Number(process.env['BENCH_RATE'] ?? 600_000);
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 2);
const DASHBOARD_DIR = process.env['BENCH_DASHBOARD_DIR'] ?? join(ROOT, 'dist', 'apps', 'dashboard', 'browser');
const SAMPLE_EVERY_MS = 2;

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

async function main(): Promise<void> {
  console.log(`dashboard benchmark: ${TOTAL.toLocaleString('en-US')} records at ${RATE.toLocaleString('en-US')}/min, ${WORKERS} workers`);
  const system = new TestSystem({ workers: WORKERS, basePort: 4130, label: 'bench', env: { DASHBOARD_DIR } });
  const [browser] = await Promise.all([chromium.launch(chromiumLaunchOptions()), system.start()]);
  let sampling = true;
  let sampler: Promise<void> = Promise.resolve();
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
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2_000 })));

    const { body: created } = await system.api<Run>('POST', '/runs', { total: TOTAL, ratePerMinute: RATE });
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
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      }
    })();

    const runStart = now();
    await waitFor(() => page.evaluate(watchProcessed, created.id), 10_000, 'the run to be shown');
    let run = created;
    await waitFor(
      async () => {
        run = (await system.api<Run>('GET', `/runs/${created.id}`)).body;
        return run.status === 'completed';
      },
      600_000,
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

    const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__bench);
    const latency = displayLatency(samples, probe.shown);
    const during = longTasks(probe.longTasks, runStart, runEnd + 1_000);
    // Past the first second: the steady state of counters moving, without the new run's card being built.
    const steady = longTasks(probe.longTasks, runStart + 1_000, runEnd + 1_000);
    const loading = longTasks(probe.longTasks, 0, runStart);
    const seconds = (runEnd - runStart) / 1000;

    console.log(`\nrun ${created.id}: ${run.processed.toLocaleString('en-US')} processed in ${seconds.toFixed(1)} s`);
    console.log(`  redis samples: ${samples.length}; values shown by the page: ${probe.shown.length}`);
    console.log(
      `  long tasks during the run: ${during.count}, longest ${ms(during.longest)}, total ${ms(during.total)} (target: longest < 50 ms)`,
    );
    const listed = probe.longTasks.filter((task) => task.start >= runStart && task.start <= runEnd + 1_000);
    if (listed.length > 0)
      console.log(
        `  at (s after the run's start): ${listed.map((task) => `${((task.start - runStart) / 1000).toFixed(1)} s ${ms(task.duration)}`).join(', ')}`,
      );
    console.log(`  of those, after the run's first second: ${steady.count}, longest ${ms(steady.longest)}`);
    console.log(`  long tasks while the page loaded (not counted): ${loading.count}, longest ${ms(loading.longest)}`);
    console.log(
      `  processed -> screen latency over ${latency.count} values: p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, max ${ms(latency.max)}` +
        ` (target: p95 <= 250 ms; ${latency.clamped} shown before sampled, ${latency.unmatched} unmatched)`,
    );
    console.log(
      '\n| records | rate (per min) | run time | long tasks | longest task | longest after 1st s | latency p50 | latency p95 | latency max | values shown |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${TOTAL.toLocaleString('en-US')} | ${RATE.toLocaleString('en-US')} | ${seconds.toFixed(1)} s | ${during.count} | ${ms(during.longest)} | ${ms(steady.longest)} | ` +
        `${ms(latency.p50)} | ${ms(latency.p95)} | ${ms(latency.max)} | ${latency.count} |`,
    );
  } finally {
    sampling = false;
    await sampler.catch(() => undefined);
    await browser.close();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
