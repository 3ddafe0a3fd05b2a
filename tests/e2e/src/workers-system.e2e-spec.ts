import { byTestId, checkAndScreenshot, E2eHarness, eventually } from './support/dashboard';

const h = new E2eHarness(4120);

beforeAll(() => h.start(), 120_000);
afterAll(() => h.stop(), 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

describe('the workers and system pages', () => {
  it('lists the live workers', async () => {
    const page = await h.open('/workers');
    await checkAndScreenshot(page, 'workers', async () => {
      const rows = byTestId(page, 'worker-row');
      await eventually(async () => expect(await rows.count()).toBe(2));
      const texts = await rows.allTextContents();
      expect(texts.some((text) => text.includes('worker-1'))).toBe(true);
      expect(texts.some((text) => text.includes('worker-2'))).toBe(true);
    });
    await page.close();
  });

  it('shows Redis, RabbitMQ and Elasticsearch up, the status of every backend, and the live feed connected', async () => {
    const page = await h.open('/system');
    await checkAndScreenshot(page, 'system', async () => {
      const rows = byTestId(page, 'health-row');
      for (const service of ['Redis', 'RabbitMQ', 'Elasticsearch']) {
        const row = rows.filter({ hasText: service });
        await eventually(async () => {
          expect(await row.count()).toBe(1);
          expect(await row.innerText()).toMatch(/\bup\b/i);
        });
      }
      // The status of every backend, the leader and both workers among them, each within the api's deadline.
      const status = byTestId(page, 'status-row');
      await eventually(async () => {
        expect(await status.count()).toBe(5);
        expect(await page.locator('[data-testid="status-row"][data-state="ok"]').count()).toBe(5);
        expect(await status.filter({ hasText: 'Schedulers' }).innerText()).toMatch(/scheduler-1 leads/);
        expect(await status.filter({ hasText: 'Workers' }).innerText()).toMatch(/2 live/);
      });
      const connection = byTestId(page, 'connection-state');
      await eventually(async () => expect(await connection.first().textContent()).toMatch(/live|connected/i));
    });
    await page.close();
  });
});
