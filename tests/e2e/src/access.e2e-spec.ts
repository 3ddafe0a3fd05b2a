import type { Run } from '@app/contracts';
import type { Page } from 'playwright-core';
import { byTestId, checkAndScreenshot, E2eHarness, eventually, figureValue, runCard } from './support/dashboard';

// Signing in with the link and with the form, what a viewer sees, and signing out. One run goes on through the
// file, started over the api, so that there is something live to see.
const h = new E2eHarness(5120);
let run: Run;

/** Every control the operator has: the start form's, a run's and the run page's. */
const CONTROLS = /^(Start run|Pause|Resume|Stop|Edit|Replay failures|Repair missing)$/;
const controls = (page: Page) => page.getByRole('button', { name: CONTROLS });

beforeAll(async () => {
  await h.start();
  run = await h.api<Run>('POST', '/runs', { total: 100_000, ratePerMinute: 6_000 });
}, 120_000);
afterAll(async () => {
  if (run) await h.api('POST', `/runs/${run.id}/stop`).catch(() => undefined);
  await h.stop();
}, 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

describe('signing in', () => {
  it('signs in with the link, which leaves the address bar, and shows the runs with their controls', async () => {
    const page = await h.open('/');
    await checkAndScreenshot(page, 'access-link', async () => {
      await runCard(page, run.id).waitFor();
      expect(page.url()).toBe(`${h.baseUrl}/`);
      expect(await page.evaluate(() => location.hash)).toBe('');
      expect(await byTestId(page, 'session-role').textContent()).toContain('Operator');
      await page.getByRole('form', { name: 'Start a run' }).waitFor();
      await runCard(page, run.id).getByRole('button', { name: 'Pause' }).waitFor();
    });
    await page.close();
  });

  it('signs in with the token form: a wrong token is refused, the right one shows the runs', async () => {
    const page = await h.open('/', null);
    await checkAndScreenshot(page, 'access-form', async () => {
      const form = page.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Access token').fill('not-the-token');
      await form.getByRole('button', { name: 'Sign in' }).click();
      await eventually(async () => expect(await byTestId(page, 'sign-in-error').textContent()).toMatch(/not valid/));
      expect(await runCard(page, run.id).count()).toBe(0);

      await form.getByLabel('Access token').fill(h.system.tokens.operator);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await runCard(page, run.id).waitFor();
      expect(await form.count()).toBe(0);
    });
    await page.close();
  });

  it('signs out when the token of the link is refused, and says so', async () => {
    const page = await h.open('/#token=not-the-token', null);
    await checkAndScreenshot(page, 'access-refused', async () => {
      await eventually(async () => expect(await byTestId(page, 'sign-in-notice').textContent()).toMatch(/no longer accepts this token/));
      expect(page.url()).toBe(`${h.baseUrl}/`);
    });
    await page.close();
  });
});

describe('the viewer', () => {
  it('sees the runs live, and no control buttons', async () => {
    const page = await h.open('/', 'viewer');
    await checkAndScreenshot(page, 'access-viewer', async () => {
      const card = runCard(page, run.id);
      await card.waitFor();
      expect(await byTestId(page, 'session-role').textContent()).toContain('Viewer');
      const shown = await figureValue(card, 'Processed');
      await eventually(async () => expect(await figureValue(card, 'Processed')).toBeGreaterThan(shown));
      expect(await controls(page).count()).toBe(0);
      expect(await page.getByRole('form', { name: 'Start a run' }).count()).toBe(0);
    });

    // A new page load: the viewer stays signed in with the kept token.
    await page.goto(`/runs/${run.id}`);
    await byTestId(page, 'run-detail').waitFor();
    expect(await byTestId(page, 'session-role').textContent()).toContain('Viewer');
    await byTestId(page, 'audit-button').waitFor();
    expect(await controls(page).count()).toBe(0);
    await page.close();
  });
});

describe('signing out', () => {
  it('returns to the sign-in form, and forgets the token', async () => {
    const page = await h.open('/workers');
    await byTestId(page, 'nav-workers').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.waitFor();
    expect(await byTestId(page, 'sign-in-notice').textContent()).toContain('You signed out.');
    expect(await byTestId(page, 'nav-workers').count()).toBe(0);

    await page.reload();
    await form.waitFor();
    expect(await byTestId(page, 'worker-row').count()).toBe(0);
    await page.close();
  });
});
