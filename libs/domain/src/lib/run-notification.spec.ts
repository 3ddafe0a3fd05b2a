import type { RunNotification } from '@app/contracts';
import type { DeliveryAttempt } from './delivery-outcome';
import { newRun } from './run-control';
import { afterNotificationAttempt, notificationDue, refusedNotification } from './run-notification';
import type { RunState } from './run-state';

const NOW = Date.UTC(2026, 0, 1, 12);
const policy = { maxAttempts: 3, baseDelayMs: 1_000, timeoutMs: 5_000 };
const pending: RunNotification = { url: 'http://127.0.0.1:9/done', status: 'pending', attempts: 0, lastError: null, deliveredAt: null };

const answer = (status: number, retryAfterMs: number | null = null, body = ''): DeliveryAttempt => ({
  kind: 'response',
  status,
  latencyMs: 3,
  body,
  retryAfterMs,
});
const noAnswer: DeliveryAttempt = { kind: 'error', error: 'timed out after 5000 ms', latencyMs: 5_000, timedOut: true };

describe('notificationDue', () => {
  const run = (changes: Partial<RunState>): RunState => ({
    ...newRun({ id: 'r1', total: 10, ratePerMinute: 60, processor: 'square', notify: pending }, NOW),
    published: 10,
    reserved: 10,
    ...changes,
  });

  it('is due once the run has completed, or stopped with its queue drained', () => {
    expect(notificationDue(run({ status: 'completed', processed: 10 }))).toBe(true);
    expect(notificationDue(run({ status: 'stopped', published: 4, processed: 3, failed: 1 }))).toBe(true);
  });

  it('waits while the run goes on, is paused, or is stopped with jobs still queued', () => {
    expect(notificationDue(run({ processed: 9 }))).toBe(false);
    expect(notificationDue(run({ status: 'paused', processed: 3 }))).toBe(false);
    expect(notificationDue(run({ status: 'stopped', published: 4, processed: 3 }))).toBe(false);
  });

  it('is never due for a run without a callback, or one already delivered or failed', () => {
    expect(notificationDue(run({ status: 'completed', processed: 10, notify: null }))).toBe(false);
    expect(notificationDue(run({ status: 'completed', processed: 10, notify: { ...pending, status: 'delivered' } }))).toBe(false);
    expect(notificationDue(run({ status: 'completed', processed: 10, notify: { ...pending, status: 'failed' } }))).toBe(false);
  });
});

describe('afterNotificationAttempt', () => {
  it('delivers on a 2xx, stamped with the time, keeping the error that made it take more than one attempt', () => {
    const retried = { ...pending, attempts: 1, lastError: 'the endpoint answered 500' };

    expect(afterNotificationAttempt(retried, answer(204), policy, NOW)).toEqual({
      notification: { ...pending, status: 'delivered', attempts: 2, lastError: 'the endpoint answered 500', deliveredAt: NOW },
      retryInMs: null,
    });
  });

  it('retries a 5xx, a 429 or no answer after an exponential backoff, staying pending', () => {
    expect(afterNotificationAttempt(pending, answer(500, null, 'oops'), policy, NOW)).toEqual({
      notification: { ...pending, attempts: 1, lastError: 'the endpoint answered 500: oops' },
      retryInMs: 1_000,
    });
    expect(afterNotificationAttempt({ ...pending, attempts: 1 }, noAnswer, policy, NOW)).toEqual({
      notification: { ...pending, attempts: 2, lastError: 'no answer within 5000 ms' },
      retryInMs: 2_000,
    });
  });

  it("waits for the endpoint's Retry-After when it asks for longer than the backoff, never shorter", () => {
    expect(afterNotificationAttempt(pending, answer(429, 8_000), policy, NOW).retryInMs).toBe(8_000);
    expect(afterNotificationAttempt(pending, answer(503, 10), policy, NOW).retryInMs).toBe(1_000);
  });

  it('fails once the last attempt is spent', () => {
    expect(afterNotificationAttempt({ ...pending, attempts: 2 }, answer(502), policy, NOW)).toEqual({
      notification: { ...pending, status: 'failed', attempts: 3, lastError: 'the endpoint answered 502' },
      retryInMs: null,
    });
  });

  it('fails at once on an answer that will not get better (any other 4xx, a redirect)', () => {
    expect(afterNotificationAttempt(pending, answer(404, null, 'no such hook'), policy, NOW)).toEqual({
      notification: { ...pending, status: 'failed', attempts: 1, lastError: 'the endpoint answered 404: no such hook' },
      retryInMs: null,
    });
    expect(afterNotificationAttempt(pending, answer(302), policy, NOW).notification.status).toBe('failed');
  });
});

describe('refusedNotification', () => {
  it('fails the callback with the reason, counting no attempt', () => {
    expect(refusedNotification({ ...pending, attempts: 1 }, 'notify.url host example.com is not allowed')).toEqual({
      notification: { ...pending, status: 'failed', attempts: 1, lastError: 'notify.url host example.com is not allowed' },
      retryInMs: null,
    });
  });
});
