import type { Page } from 'playwright-core';
import { E2eHarness, eventually, figure, figureValue, runCard, screenshot } from './support/dashboard';

// One run, started from the form, is followed through the file: its tests run in order.
const h = new E2eHarness(4100);
let page: Page;
let runId = '';

beforeAll(async () => {
  await h.start();
  page = await h.open('/');
}, 120_000);
afterAll(async () => {
  if (runId) await h.api('POST', `/runs/${runId}/stop`).catch(() => undefined);
  await h.stop();
}, 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

const card = () => runCard(page, runId);

describe('the runs page', () => {
  it('starts a run from the form, then shows its processed count rising', async () => {
    const form = page.getByRole('form', { name: 'Start a run' });
    await form.getByLabel('Total jobs').fill('20000');
    await form.getByLabel('Rate (jobs per minute)').fill('6000');
    await form.getByRole('button', { name: 'Start run' }).click();

    const started = form.getByText(/Run\s+\w+\s+started/);
    await started.waitFor();
    runId = /Run\s+(\w+)\s+started/.exec((await started.textContent()) ?? '')?.[1] ?? '';
    expect(await h.run(runId)).toMatchObject({ total: 20_000, ratePerMinute: 6_000, status: 'running' });

    await card().waitFor();
    await expect(figure(card(), 'Target rate').textContent()).resolves.toBe('6,000/min');
    await card().getByText('Running', { exact: true }).waitFor();
    // 100 records a second: the count moves, and keeps moving, with no action on the page.
    const first = await eventually(async () => {
      const processed = await figureValue(card(), 'Processed');
      expect(processed).toBeGreaterThan(0);
      return processed;
    });
    const second = await eventually(async () => {
      const processed = await figureValue(card(), 'Processed');
      expect(processed).toBeGreaterThan(first);
      return processed;
    });
    await eventually(async () => expect(await figureValue(card(), 'Processed')).toBeGreaterThan(second));
    await expect(
      card()
        .getByText(/of 20,000 jobs/)
        .count(),
    ).resolves.toBe(1);
    await screenshot(page, 'runs');
  });

  it('changes Y from the edit form: the preview, then the target rate, change', async () => {
    await card().getByRole('button', { name: 'Edit' }).click();
    const editor = card().getByRole('form', { name: 'Change the run' });
    await editor.waitFor();
    await editor.getByLabel('Rate (jobs per minute)').fill('12000');
    await eventually(async () => expect(await figure(editor, 'Rate').textContent()).toBe('12,000/min'));
    await editor.getByRole('button', { name: 'Apply' }).click();

    await editor.waitFor({ state: 'detached' });
    await eventually(async () => expect(await figure(card(), 'Target rate').textContent()).toBe('12,000/min'));
    expect(await h.run(runId)).toMatchObject({ ratePerMinute: 12_000, total: 20_000, status: 'running' });
  });

  it('pauses (publishing stops) and resumes (processing goes on)', async () => {
    await card().getByRole('button', { name: 'Pause' }).click();
    await card().getByText('Paused', { exact: true }).waitFor();
    await card().getByRole('button', { name: 'Resume' }).waitFor();
    expect(await card().getByRole('button', { name: 'Pause' }).count()).toBe(0);

    // Once what was published is processed, nothing more arrives, and the page shows the same standstill.
    const paused = await eventually(async () => {
      const run = await h.run(runId);
      expect(run).toMatchObject({ status: 'paused', queued: 0 });
      return run;
    });
    await eventually(async () => expect(await figureValue(card(), 'Processed')).toBe(paused.processed));
    expect(await figureValue(card(), 'Published')).toBe(paused.published);
    expect((await h.run(runId)).published).toBe(paused.published);

    await card().getByRole('button', { name: 'Resume' }).click();
    await card().getByText('Running', { exact: true }).waitFor();
    await eventually(async () => expect(await figureValue(card(), 'Processed')).toBeGreaterThan(paused.processed));
    expect((await h.run(runId)).status).toBe('running');
  });

  it('shows the same run with its current numbers after a refresh mid-run', async () => {
    const before = await h.run(runId);
    expect(before.status).toBe('running');
    await page.reload();
    await card().waitFor({ timeout: 5_000 });
    expect(await card().count()).toBe(1);
    await card().getByText('Running', { exact: true }).waitFor({ timeout: 5_000 });
    // Current, not the numbers of the page's start: at least what the server had before the refresh.
    expect(await figureValue(card(), 'Processed')).toBeGreaterThanOrEqual(before.processed);
    expect(await figureValue(card(), 'Published')).toBeGreaterThanOrEqual(before.published);
    await expect(figure(card(), 'Target rate').textContent()).resolves.toBe('12,000/min');
    // And live again: the count keeps rising after the refresh.
    const shown = await figureValue(card(), 'Processed');
    await eventually(async () => expect(await figureValue(card(), 'Processed')).toBeGreaterThan(shown));
  });
});
