import type { FailurePage, Run, RunAudit } from '@app/contracts';
import { byTestId, E2eHarness, eventually, figureValue, runCard } from './support/dashboard';

// `flaky` fails its first three attempts; with three attempts in all (JOB_MAX_ATTEMPTS) every job becomes a
// dead letter, and its replay (the fourth attempt) succeeds. The start form offers no processor: the run is
// started through the api, everything after that through the dashboard.
const h = new E2eHarness(4110);
const TOTAL = 10;
let run: Run;

beforeAll(async () => {
  await h.start();
  const created = await h.api<Run>('POST', '/runs', { total: TOTAL, ratePerMinute: 600_000, processor: 'flaky' });
  run = await eventually(async () => {
    const current = await h.run(created.id);
    expect(current).toMatchObject({ status: 'completed', failed: TOTAL, processed: 0 });
    return current;
  }, 30_000);
  // Dead letters are listed once Elasticsearch has refreshed (1 s).
  await eventually(async () => expect((await h.api<FailurePage>('GET', `/runs/${run.id}/failures?size=100`)).items).toHaveLength(TOTAL));
}, 120_000);
afterAll(() => h.stop(), 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

describe('failures and their replay', () => {
  it('shows the failed count on the runs page', async () => {
    const page = await h.open('/');
    const card = runCard(page, run.id);
    await card.waitFor();
    expect(await figureValue(card, 'Failed')).toBe(TOTAL);
    expect(await figureValue(card, 'Processed')).toBe(0);
    await page.close();
  });

  it('lists the dead letters on the run page, replays them, and the run ends with every job processed', async () => {
    const page = await h.open(`/runs/${run.id}`);
    const detail = byTestId(page, 'run-detail');
    await detail.waitFor();
    const failures = byTestId(detail, 'failures-list');
    await failures.waitFor();
    // Each dead letter with its error.
    await eventually(async () => expect(await failures.getByText(/flaky processor fails/).count()).toBe(TOTAL));

    await byTestId(detail, 'replay-button').click();
    // Feedback on the page, then the outcome: every replay succeeded, nothing left to list.
    await detail
      .getByText(/replayed/i)
      .first()
      .waitFor();
    await eventually(async () => expect(await h.run(run.id)).toMatchObject({ processed: TOTAL, failed: 0, status: 'completed' }));
    await eventually(async () => expect(await failures.getByText(/flaky processor fails/).count()).toBe(0));

    const runs = await h.open('/');
    const card = runCard(runs, run.id);
    await card.waitFor();
    expect(await figureValue(card, 'Processed')).toBe(TOTAL);
    expect(await figureValue(card, 'Failed')).toBe(0);
    await Promise.all([page.close(), runs.close()]);
  });

  it('audits the run from its page: whole, no seq missing', async () => {
    expect(await h.api<RunAudit>('GET', `/runs/${run.id}/audit`)).toMatchObject({ clean: true });
    const page = await h.open(`/runs/${run.id}`);
    const detail = byTestId(page, 'run-detail');
    // The run's card is there once the page has its run, and with it the panel's handlers.
    await byTestId(detail, 'run-card').waitFor();
    await byTestId(detail, 'audit-button').click();
    const result = byTestId(detail, 'audit-result');
    await result.waitFor();
    expect(await result.getAttribute('data-clean')).toBe('true');
    const verdict = await byTestId(detail, 'audit-verdict').textContent();
    expect(verdict).toMatch(/\bwhole\b/i);
    expect(verdict).not.toMatch(/not whole|missing/i);
    expect(verdict).toContain(TOTAL.toLocaleString('en-US'));
    await page.close();
  });
});
