import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { AccessRole, Dataset, Run } from '@app/contracts';
import { chromiumLaunchOptions, TestSystem } from '@app/testing';

const ROOT = resolve(__dirname, '../../../..');
export const SCREENSHOT_DIR = join(ROOT, 'artifacts', 'screenshots');
/** The built dashboard the api serves; `E2E_DASHBOARD_DIR` points at another build. */
const DASHBOARD_DIR = process.env['E2E_DASHBOARD_DIR'] ?? join(ROOT, 'dist', 'apps', 'dashboard', 'browser');

/**
 * The system of one spec file: api (serving the built dashboard), scheduler and two workers as real
 * processes in a namespace of their own, and a headless Chromium. Fast retry backoff (100 ms, 200 ms)
 * so that a failing job becomes a dead letter in well under a second.
 */
export class E2eHarness {
  readonly system: TestSystem;
  browser!: Browser;
  private context!: BrowserContext;
  /** Uncaught exceptions in any page of this file: a test that sees one fails. */
  readonly pageErrors: string[] = [];

  constructor(basePort: number) {
    this.system = new TestSystem({
      workers: 2,
      basePort,
      label: 'e2e',
      env: { DASHBOARD_DIR, JOB_MAX_ATTEMPTS: '3', JOB_RETRY_BASE_DELAY_MS: '100' },
    });
  }

  get baseUrl(): string {
    return this.system.apiUrl;
  }

  async start(): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const [browser] = await Promise.all([launchChromium(), this.system.start()]);
    this.browser = browser;
    this.context = await this.newContext();
  }

  /** A browser context of its own: its own storage, so nothing kept from the tabs of another. */
  async newContext(): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      baseURL: this.baseUrl,
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    return context;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.system.stop();
  }

  /**
   * A new tab on `path` of the dashboard, its uncaught errors recorded, signed in as `role` (the operator by
   * default) with the sign-in link `npm start` prints (`<path>#token=<token>`); the tabs share one context, so a
   * reload stays signed in. `null`: signed out, in a context of its own (no token kept from other tabs).
   */
  async open(path = '/', role: AccessRole | null = 'operator'): Promise<Page> {
    const context = role === null ? await this.newContext() : this.context;
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(`${page.url()}: ${error.message}`));
    await page.goto(role === null ? path : `${path}#token=${encodeURIComponent(this.system.tokens[role])}`);
    return page;
  }

  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, body: answer } = await this.system.api<T>(method, path, body);
    if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  run(id: string): Promise<Run> {
    return this.api<Run>('GET', `/runs/${id}`);
  }

  /** A CSV uploaded over the api as dataset `name` (for a page that shows one; the datasets spec uploads from the page). */
  async uploadCsv(name: string, csv: string): Promise<Dataset> {
    const response = await fetch(`${this.baseUrl}/api/datasets?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { ...this.system.authorization(), 'content-type': 'text/csv' },
      body: csv,
    });
    const answer: unknown = await response.json();
    if (response.status !== 201) throw new Error(`uploading ${name} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer as Dataset;
  }
}

/**
 * Launches Chromium with the TOOLCHAIN flags. The fresh `--user-data-dir` is playwright-core's own: every
 * `launch` gets a new temporary profile, deleted on close (it refuses the flag in `args`).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Retries `assertion` until it passes or `timeoutMs` is over, then throws its last error: a wait on
 * something the page or the pipeline does in its own time, never a fixed sleep.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** `12,345` or `12,345/min` as a number. */
export function parseCount(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d.-]/g, '');
  if (digits === '') throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(digits);
}

/** The card of run `id` on the runs page. */
export function runCard(page: Page, id: string): Locator {
  return page.locator('article').filter({ has: page.locator('h3 code', { hasText: id }) });
}

/** The value of one of a run card's figures (`Processed`, `Target rate`...), as shown. */
export function figure(card: Locator, term: string): Locator {
  return card
    .locator('dl div')
    .filter({ has: card.page().locator('dt', { hasText: new RegExp(`^\\s*${term}\\s*$`) }) })
    .locator('dd');
}

export async function figureValue(card: Locator, term: string): Promise<number> {
  return parseCount(await figure(card, term).textContent());
}

export const byTestId = (page: Page | Locator, id: string): Locator => page.locator(`[data-testid="${id}"]`);

/** Runs `check` on `page`, then saves its screenshot as `name` whether it passed or not (a failure shows why). */
export async function checkAndScreenshot(page: Page, name: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } finally {
    await screenshot(page, name);
  }
}
