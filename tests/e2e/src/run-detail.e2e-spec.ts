import type { ResultPage, Run } from '@app/contracts';
import { byTestId, checkAndScreenshot, E2eHarness, eventually } from './support/dashboard';

const h = new E2eHarness(4115);
let run: Run;

beforeAll(async () => {
  await h.start();
  // 3,000 records over 3 s: a few seconds of rate history, then completed.
  const created = await h.api<Run>('POST', '/runs', { total: 3_000, ratePerMinute: 60_000 });
  run = await eventually(async () => {
    const current = await h.run(created.id);
    expect(current).toMatchObject({ status: 'completed', processed: 3_000 });
    return current;
  }, 60_000);
}, 120_000);
afterAll(() => h.stop(), 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

describe('the run detail page', () => {
  it('shows the run, its rate-history chart and its stored results', async () => {
    const page = await h.open(`/runs/${run.id}`);
    await checkAndScreenshot(page, 'run-detail', async () => {
      const detail = byTestId(page, 'run-detail');
      await detail.waitFor();
      await detail.getByText(run.id).first().waitFor();

      // The chart is drawn (ECharts renders to a canvas, or SVG), with a real size.
      const chart = byTestId(detail, 'history-chart');
      const drawing = chart.locator('canvas, svg').first();
      await drawing.waitFor();
      const box = await drawing.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);

      // The results table shows what Elasticsearch holds: the first row is the first stored result.
      const rows = byTestId(detail, 'result-row');
      await rows.first().waitFor();
      const [first] = (await h.api<ResultPage>('GET', `/runs/${run.id}/results?size=1`)).items;
      expect(first.output).toBe((first.input as number) ** 2);
      const digits = ((await rows.first().textContent()) ?? '').replace(/\D/g, '');
      expect(digits).toContain(String(first.seq));
      expect(digits).toContain(String(first.output));
    });
    await page.close();
  });
});
