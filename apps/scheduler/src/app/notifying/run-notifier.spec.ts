import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Run, RunNotification } from '@app/contracts';
import { newRun, type RunState } from '@app/domain';
import { newSigningSecret } from '@app/infra';
import { schedulerFakes } from '../testing/fakes';
import { CLAIM_MARGIN_MS, RunNotifier } from './run-notifier';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const RUN = 'run0000001abc';
const SECRET = newSigningSecret();
const pending: RunNotification = { url: 'http://127.0.0.1:5600/done', status: 'pending', attempts: 0, lastError: null, deliveredAt: null };

/** A run of 10 records, all processed: completed, its callback pending. */
const completed = (changes: Partial<RunState> = {}): RunState => ({
  ...newRun({ id: RUN, total: 10, ratePerMinute: 60, processor: 'square', notify: pending, secret: SECRET }, T0),
  status: 'completed',
  reserved: 10,
  published: 10,
  processed: 10,
  finishedAt: T0 + 10_000,
  ...changes,
});

describe('RunNotifier', () => {
  let fakes: ReturnType<typeof schedulerFakes>;
  let notifier: RunNotifier;

  beforeEach(async () => {
    fakes = schedulerFakes({ NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_DELAY_MS: '1000', NOTIFY_TIMEOUT_MS: '2000' });
    const module = await Test.createTestingModule({ providers: [RunNotifier, ...fakes.providers] }).compile();
    module.useLogger(false);
    notifier = module.get(RunNotifier);
    fakes.runs.runs.set(RUN, completed());
  });

  afterEach(() => jest.restoreAllMocks());

  const stored = () => fakes.runs.runs.get(RUN) as RunState;

  it("POSTs the run's final JSON, signed with its secret under the run's notification id, and records it delivered", async () => {
    await notifier.notify(RUN);

    expect(fakes.http.sent).toHaveLength(1);
    const [request] = fakes.http.sent;
    expect(request).toMatchObject({
      url: pending.url,
      method: 'POST',
      timeoutMs: 2_000,
      idempotencyKey: `${RUN}:notify`,
      webhookId: `${RUN}:notify`,
    });
    const body = JSON.parse(request.body) as Run;
    expect(body).toMatchObject({ id: RUN, status: 'completed', total: 10, processed: 10, queued: 0, notify: pending });
    expect(request.secret).toBe(SECRET);
    expect(stored().notify).toEqual({ ...pending, status: 'delivered', attempts: 1, deliveredAt: expect.any(Number) });
  });

  it('holds the claim through the attempt, then for the backoff of a retryable failure, recording the attempt', async () => {
    fakes.http.answers.push({ kind: 'response', status: 503, latencyMs: 2, body: 'busy', retryAfterMs: null });

    await notifier.notify(RUN);

    expect(stored().notify).toEqual({ ...pending, attempts: 1, lastError: 'the endpoint answered 503: busy' });
    expect(fakes.notificationClaims.held.get(RUN)).toEqual({ holderId: 'scheduler-1', ms: 1_000 });
  });

  it('sends nothing while another attempt or its backoff holds the claim', async () => {
    await fakes.notificationClaims.claim(RUN, 'scheduler-2', 60_000);

    await notifier.notify(RUN);

    expect(fakes.http.sent).toEqual([]);
    expect(fakes.runs.saved).toEqual([]);
  });

  it('claims for the timeout and the margin, and sends nothing for a run not due when read under the claim', async () => {
    fakes.runs.runs.set(RUN, completed({ notify: { ...pending, status: 'delivered', attempts: 1, deliveredAt: T0 } }));

    await notifier.notify(RUN);

    expect(fakes.notificationClaims.held.get(RUN)).toEqual({ holderId: 'scheduler-1', ms: 2_000 + CLAIM_MARGIN_MS });
    expect(fakes.http.sent).toEqual([]);
    expect(fakes.runs.saved).toEqual([]);
  });

  it('fails a callback whose URL the allowlist no longer allows, sending nothing', async () => {
    fakes.runs.runs.set(RUN, completed({ notify: { ...pending, url: 'https://hooks.example.com/done' } }));

    await notifier.notify(RUN);

    expect(fakes.http.sent).toEqual([]);
    expect(stored().notify).toMatchObject({
      status: 'failed',
      attempts: 0,
      lastError: expect.stringMatching(/^notify\.url host hooks\.example\.com is not in/),
    });
  });

  it('re-reads a run that moved before the outcome was saved, and records it on the fresh state', async () => {
    fakes.runs.staleSaves = 1;
    const save = jest.spyOn(fakes.runs, 'save');

    await notifier.notify(RUN);

    expect(save).toHaveBeenCalledTimes(2);
    expect(stored().notify?.status).toBe('delivered');
  });

  it('leaves the record of another scheduler that recorded the attempt meanwhile as it is', async () => {
    const theirs: RunNotification = { ...pending, status: 'delivered', attempts: 1, deliveredAt: T0 + 20_000 };
    jest.spyOn(fakes.runs, 'save').mockImplementationOnce(async () => {
      fakes.runs.runs.set(RUN, completed({ notify: theirs }));
      return 'stale';
    });

    await notifier.notify(RUN);

    expect(stored().notify).toEqual(theirs);
  });

  it('logs each failed attempt with the run, and what comes next', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    fakes.http.answers.push({ kind: 'response', status: 500, latencyMs: 2, body: '', retryAfterMs: null });
    fakes.http.answers.push({ kind: 'response', status: 404, latencyMs: 2, body: '', retryAfterMs: null });

    await notifier.notify(RUN);
    fakes.notificationClaims.lapse(RUN);
    await notifier.notify(RUN);

    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      `run ${RUN} notifying ${pending.url} failed: the endpoint answered 500; attempt 2 in 1000 ms`,
      `run ${RUN} notifying ${pending.url} failed: the endpoint answered 404; giving up`,
    ]);
    expect(stored().notify).toMatchObject({ status: 'failed', attempts: 2 });
  });
});
