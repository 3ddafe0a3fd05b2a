import type { Dataset, FailurePage, Run } from '@app/contracts';
import type { Page } from 'playwright-core';
import { byTestId, checkAndScreenshot, E2eHarness, eventually } from './support/dashboard';

// Every page at a phone's width: nothing may scroll sideways, the document or its body. One run with stored
// results and rate history, one whose every job is a dead letter (`flaky` with three attempts), so the run
// page is seen with its results table, chart, failures list and audit filled; a dataset, open on the datasets page.
const h = new E2eHarness(4140);
const PHONE = { width: 390, height: 844 };
let done: Run;
let failed: Run;
let dataset: Dataset;

const completed = (id: string, counters: Partial<Run>): Promise<Run> =>
  eventually(async () => {
    const current = await h.run(id);
    expect(current).toMatchObject({ status: 'completed', ...counters });
    return current;
  }, 60_000);

beforeAll(async () => {
  await h.start();
  const [square, flaky] = await Promise.all([
    h.api<Run>('POST', '/runs', { total: 2_000, ratePerMinute: 40_000 }),
    h.api<Run>('POST', '/runs', { total: 5, ratePerMinute: 600_000, processor: 'flaky' }),
  ]);
  // Long values and many fields: the records' table is wider than a phone.
  const header = Array.from({ length: 12 }, (_, i) => `field_${i + 1}`);
  const rows = Array.from({ length: 50 }, (_, row) => header.map((field) => `${field} of record ${row + 1}`).join(','));
  dataset = await h.uploadCsv('a dataset with a rather long name to wrap', [header.join(','), ...rows].join('\n'));
  [done, failed] = await Promise.all([completed(square.id, { processed: 2_000 }), completed(flaky.id, { failed: 5 })]);
  // Dead letters are listed once Elasticsearch has refreshed (1 s).
  await eventually(async () => expect((await h.api<FailurePage>('GET', `/runs/${failed.id}/failures`)).items).toHaveLength(5));
}, 120_000);
afterAll(() => h.stop(), 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

/** `path` loaded at the phone's width (not resized from a wider one). */
async function openOnPhone(path: string): Promise<Page> {
  const page = await h.open(path);
  await page.setViewportSize(PHONE);
  await page.reload();
  return page;
}

/** How far the document and its body reach past the viewport, in CSS pixels (0: no horizontal scroll). */
async function overflow(page: Page): Promise<{ document: number; body: number }> {
  return page.evaluate(() => ({
    document: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
    body: Math.max(0, document.body.scrollWidth - window.innerWidth),
  }));
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.innerWidth)).toBe(PHONE.width);
  expect(await overflow(page)).toEqual({ document: 0, body: 0 });
}

const rowsShown = (page: Page, testId: string, count: number): Promise<void> =>
  eventually(async () => expect(await byTestId(page, testId).count()).toBe(count));

/** Each page, how to tell it has shown what it shows, and the name of its screenshot. */
const PAGES: readonly { name: string; screenshot: string; path: () => string; shown: (page: Page) => Promise<void> }[] = [
  { name: 'the runs page', screenshot: 'phone-runs', path: () => '/', shown: (page) => byTestId(page, 'run-card').nth(1).waitFor() },
  {
    name: 'a run page with results, rate history and an audit',
    screenshot: 'phone-run-detail',
    path: () => `/runs/${done.id}`,
    shown: async (page) => {
      await byTestId(page, 'result-row').first().waitFor();
      await page.locator('[data-testid="history-chart"][data-loaded="true"] canvas').waitFor();
      await byTestId(page, 'audit-button').click();
      await byTestId(page, 'audit-result').waitFor();
    },
  },
  {
    name: 'a run page with dead letters',
    screenshot: 'phone-run-failures',
    path: () => `/runs/${failed.id}`,
    shown: (page) => byTestId(page, 'failure-row').first().waitFor(),
  },
  {
    name: 'the datasets page with a dataset open',
    screenshot: 'phone-datasets',
    path: () => `/datasets?dataset=${dataset.id}`,
    shown: (page) => rowsShown(page, 'sample-row', 20),
  },
  {
    name: 'the workers page',
    screenshot: 'phone-workers',
    path: () => '/workers',
    shown: (page) => rowsShown(page, 'worker-row', 2),
  },
  {
    name: 'the system page',
    screenshot: 'phone-system',
    path: () => '/system',
    shown: (page) => rowsShown(page, 'health-row', 3),
  },
];

describe('at a phone width (390 px)', () => {
  it.each(PAGES)('$name does not scroll sideways', async ({ screenshot, path, shown }) => {
    const page = await openOnPhone(path());
    await checkAndScreenshot(page, screenshot, async () => {
      await shown(page);
      await expectNoSidewaysScroll(page);
    });
    await page.close();
  });
});
