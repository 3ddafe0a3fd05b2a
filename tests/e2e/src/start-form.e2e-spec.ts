import type { Locator, Page } from 'playwright-core';
import type { RunPage } from '@app/contracts';
import { checkAndScreenshot, E2eHarness, eventually } from './support/dashboard';

const h = new E2eHarness(4105);
let page: Page;

beforeAll(async () => {
  await h.start();
  page = await h.open('/');
}, 120_000);
afterAll(() => h.stop(), 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

// The api's messages, saying the form's labels in place of its field names.
const TOTAL_MESSAGE = 'Total jobs must be an integer from 1 to 100,000,000';
const RATE_MESSAGE = 'Rate (jobs per minute) must be a number from 1 to 600,000';

/** The element the input names as its description (`aria-describedby`) that holds `message`. */
async function describedMessages(input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => input.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' | ');
}

describe('the start form', () => {
  it('shows each bad field its own message next to it, and starts nothing', async () => {
    const form = page.getByRole('form', { name: 'Start a run' });
    const total = form.getByLabel('Total jobs');
    const rate = form.getByLabel('Rate (jobs per minute)');
    await total.fill('0');
    await rate.fill('700000');
    await form.getByRole('button', { name: 'Start run' }).click();

    await checkAndScreenshot(page, 'start-form-validation', async () => {
      // The server's message for each field, inside that field's own box and announced with its input.
      const totalField = total.locator('xpath=..');
      const rateField = rate.locator('xpath=..');
      await totalField.getByText(TOTAL_MESSAGE).waitFor();
      await rateField.getByText(RATE_MESSAGE).waitFor();
      expect(await totalField.getByText(RATE_MESSAGE).count()).toBe(0);
      expect(await rateField.getByText(TOTAL_MESSAGE).count()).toBe(0);
      expect(await total.getAttribute('aria-invalid')).toBe('true');
      expect(await rate.getAttribute('aria-invalid')).toBe('true');
      expect(await describedMessages(total)).toContain(TOTAL_MESSAGE);
      expect(await describedMessages(rate)).toContain(RATE_MESSAGE);
      expect(await form.getByText(/Run\s+\w+\s+started/).count()).toBe(0);
    });

    expect((await h.api<RunPage>('GET', '/runs')).items).toEqual([]);
  });

  it('clears a field’s message once it is edited, and starts the run once both are valid', async () => {
    const form = page.getByRole('form', { name: 'Start a run' });
    const total = form.getByLabel('Total jobs');
    const rate = form.getByLabel('Rate (jobs per minute)');
    await total.fill('50');
    await eventually(async () => expect(await total.getAttribute('aria-invalid')).not.toBe('true'));
    expect(await total.locator('xpath=..').getByText(TOTAL_MESSAGE).count()).toBe(0);
    // The other field still says what is wrong with it.
    expect(await rate.locator('xpath=..').getByText(RATE_MESSAGE).count()).toBe(1);

    await rate.fill('600000');
    await form.getByRole('button', { name: 'Start run' }).click();
    await form.getByText(/Run\s+\w+\s+started/).waitFor();
    const { items } = await h.api<RunPage>('GET', '/runs');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ total: 50, ratePerMinute: 600_000 });
  });

  it('marks an empty field without sending anything', async () => {
    const form = page.getByRole('form', { name: 'Start a run' });
    const total = form.getByLabel('Total jobs');
    await total.fill('');
    await form.getByRole('button', { name: 'Start run' }).click();
    await eventually(async () => expect(await total.getAttribute('aria-invalid')).toBe('true'));
    expect((await total.locator('xpath=..').locator('li').count()) > 0).toBe(true);
    expect((await h.api<RunPage>('GET', '/runs')).items).toHaveLength(1);
  });
});
