import type { Page } from 'playwright-core';
import type { Dataset, DeliveryStats, Run } from '@app/contracts';
import { ReceivingEndpoint } from '@app/testing';
import { byTestId, checkAndScreenshot, E2eHarness, eventually, runCard } from './support/dashboard';

// Ports: api 4180, scheduler 4181, workers 4182 and 4183; the endpoint 5641, answering every delivery with a 200.
const h = new E2eHarness(4180);
const endpoint = new ReceivingEndpoint(5641);
const PHONE = { width: 390, height: 844 };
const RECORDS = 25;

let dataset: Dataset;

beforeAll(async () => {
  await endpoint.start();
  await h.start();
  const rows = Array.from({ length: RECORDS }, (_, i) => `order-${i + 1},${(i + 1) * 10}`);
  dataset = await h.uploadCsv('orders to deliver', ['id,amount', ...rows].join('\n'));
}, 120_000);
afterAll(async () => {
  await h.stop();
  await endpoint.stop();
}, 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

/** Fills the start form for an http run over the dataset to the endpoint, with one header, and starts it; its id. */
async function startDeliveryRun(page: Page): Promise<string> {
  const form = page.getByRole('form', { name: 'Start a run' });
  await form.getByLabel('A dataset').check();
  const choice = form.getByLabel('Dataset', { exact: true });
  await eventually(async () => expect(await choice.inputValue()).toBe(dataset.id));
  expect(await form.getByLabel('Total jobs').getAttribute('placeholder')).toBe(String(RECORDS));
  expect(await form.getByLabel('Processor').inputValue()).toBe('http');
  await form.getByLabel('Rate (jobs per minute)').fill('6000');
  await form.getByLabel('Target URL').fill(endpoint.url);
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header 1 name').fill('X-Tenant');
  await form.getByLabel('Header 1 value').fill('e2e');
  await form.getByRole('button', { name: 'Start run' }).click();
  const started = form.getByText(/Run\s+\w+\s+started/);
  await started.waitFor();
  return ((await started.locator('code').textContent()) ?? '').trim();
}

/**
 * The signing secret the page shows for the run, handed to the endpoint, which verifies each request with it (until
 * then the run's requests wait).
 */
async function trustShownSecret(page: Page, runId: string): Promise<string> {
  const secret = ((await byTestId(page, 'signing-secret-value').textContent()) ?? '').trim();
  expect(secret).toMatch(/^whsec_/);
  endpoint.trust(runId, secret);
  return secret;
}

describe('a run delivering a dataset to an endpoint', () => {
  it('starts from the form, shows the signing secret once, completes, and counts every delivery a 2xx', async () => {
    const page = await h.open('/');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    const runId = await startDeliveryRun(page);

    const panel = byTestId(page, 'signing-secret');
    let secret = '';
    await checkAndScreenshot(page, 'delivery-run-secret', async () => {
      await panel.waitFor();
      await panel.getByText('It will not be shown again.').waitFor();
      await panel.getByText('Standard Webhooks').waitFor();
      secret = await trustShownSecret(page, runId);
      await panel.getByRole('button', { name: 'Copy secret' }).click();
      await panel.getByText('Copied to the clipboard.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    });

    // The endpoint got each record, signed with that secret, carrying the header given.
    const delivered = endpoint.deliveries(runId);
    await eventually(async () => expect(delivered.accepted.size).toBe(RECORDS), 30_000);
    expect(delivered.rejected).toEqual([]);
    expect([...delivered.headers.values()].map((headers) => headers['x-tenant'])).toEqual(Array(RECORDS).fill('e2e'));

    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await panel.waitFor({ state: 'detached' });

    // The run's id in its card is the link to its page.
    await runCard(page, runId).getByTestId('run-link').locator('code').click();
    const detail = byTestId(page, 'run-detail');
    await detail.waitFor();
    await eventually(async () => expect((await h.run(runId)).status).toBe('completed'), 30_000);
    const deliveries = byTestId(page, 'deliveries-panel');
    await checkAndScreenshot(page, 'delivery-run-deliveries', async () => {
      const delivered = deliveries.locator('[data-testid="delivery-count"][data-status-class="2xx"] .count');
      await eventually(async () => expect(await delivered.textContent()).toBe(String(RECORDS)), 15_000);
      expect(await byTestId(deliveries, 'deliveries-total').textContent()).toContain(`${RECORDS} records`);
      expect(await byTestId(deliveries, 'deliveries-latency').textContent()).toMatch(/p50 [\d.,]+ ms · p95 [\d.,]+ ms/);
    });
    const stats = await h.api<DeliveryStats>('GET', `/runs/${runId}/deliveries`);
    expect(stats).toMatchObject({ total: RECORDS, byStatusClass: { '2xx': RECORDS, '3xx': 0, '4xx': 0, '5xx': 0 }, noAnswer: 0 });
    expect(await h.run(runId)).toMatchObject({ processor: 'http', datasetId: dataset.id, processed: RECORDS, failed: 0 });
    await page.close();
  });

  it("fits a phone's width: the form with a target, the secret panel, and the run page with its deliveries", async () => {
    const page = await h.open('/');
    await page.setViewportSize(PHONE);
    await page.reload();
    const runId = await startDeliveryRun(page);
    await byTestId(page, 'signing-secret').waitFor();
    await trustShownSecret(page, runId);
    const noSidewaysScroll = async (): Promise<void> =>
      expect(
        await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth),
      ).toBeLessThanOrEqual(0);
    await checkAndScreenshot(page, 'phone-delivery-form', noSidewaysScroll);

    await eventually(async () => expect((await h.run(runId)).status).toBe('completed'), 30_000);
    await page.goto(`/runs/${runId}`);
    const run = await h.api<Run>('GET', `/runs/${runId}`);
    await byTestId(page, 'deliveries-panel').locator('[data-testid="delivery-count"]').first().waitFor();
    expect(run.processed).toBe(RECORDS);
    await checkAndScreenshot(page, 'phone-delivery-run', noSidewaysScroll);
    await page.close();
  });
});
