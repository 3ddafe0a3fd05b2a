import {
  type DeliveryAttempt,
  MAX_RETRY_AFTER_MS,
  QUOTED_ANSWER_CHARS,
  attemptVerdict,
  classifyStatus,
  deliveryRetryDelayMs,
  failedAttemptReason,
  parseRetryAfter,
} from './delivery-outcome';

describe('classifyStatus', () => {
  it('counts any 2xx as processed', () => {
    expect([200, 201, 202, 204, 299].map(classifyStatus)).toEqual(Array(5).fill('processed'));
  });

  it('retries 408, 425, 429 and every 5xx', () => {
    expect([408, 425, 429, 500, 502, 503, 504, 599].map(classifyStatus)).toEqual(Array(8).fill('retry'));
  });

  it('dead-letters redirects, which are not followed, and every other 4xx', () => {
    expect([300, 301, 302, 304, 307, 308, 400, 401, 403, 404, 409, 410, 422, 499].map(classifyStatus)).toEqual(Array(14).fill('dead'));
  });

  it('dead-letters a status outside the standard classes', () => {
    expect([100, 199, 600, 999].map(classifyStatus)).toEqual(Array(4).fill('dead'));
  });
});

describe('attemptVerdict', () => {
  const response = (status: number): DeliveryAttempt => ({ kind: 'response', status, latencyMs: 12, body: '', retryAfterMs: null });

  it('judges a response by its status', () => {
    expect(attemptVerdict(response(200))).toBe('processed');
    expect(attemptVerdict(response(503))).toBe('retry');
    expect(attemptVerdict(response(404))).toBe('dead');
  });

  it('retries a connection error and a timeout', () => {
    expect(attemptVerdict({ kind: 'error', error: 'connect ECONNREFUSED 127.0.0.1:80', latencyMs: 1, timedOut: false })).toBe('retry');
    expect(attemptVerdict({ kind: 'error', error: 'timed out after 10000 ms', latencyMs: 10_000, timedOut: true })).toBe('retry');
  });
});

describe('failedAttemptReason', () => {
  it("quotes the start of the endpoint's answer with its status, or gives the status alone", () => {
    const answer = (body: string): DeliveryAttempt => ({ kind: 'response', status: 503, latencyMs: 5, body, retryAfterMs: null });
    expect(failedAttemptReason(answer('down for maintenance'), 1_000)).toBe('the endpoint answered 503: down for maintenance');
    expect(failedAttemptReason(answer(''), 1_000)).toBe('the endpoint answered 503');
    expect(failedAttemptReason(answer('x'.repeat(5_000)), 1_000)).toBe(`the endpoint answered 503: ${'x'.repeat(QUOTED_ANSWER_CHARS)}`);
  });

  it('says when there was no answer in time, or no answer at all', () => {
    expect(failedAttemptReason({ kind: 'error', error: 'timed out after 2000 ms', latencyMs: 2_000, timedOut: true }, 2_000)).toBe(
      'no answer within 2000 ms',
    );
    expect(failedAttemptReason({ kind: 'error', error: 'connect ECONNREFUSED 127.0.0.1:9', latencyMs: 1, timedOut: false }, 2_000)).toBe(
      'request failed: connect ECONNREFUSED 127.0.0.1:9',
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });

  it('reads an HTTP-date as the time left until it, in each of its three forms', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Saturday, 01-Mar-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sat Mar  1 12:00:05 2025', now)).toBe(5_000);
  });

  it('gives 0 for a date already past', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('caps a long wait, whether in seconds or as a date', () => {
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('99999999999999999999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Sat, 01 Mar 2125 12:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('takes the first of repeated headers', () => {
    expect(parseRetryAfter(['3', '600'], now)).toBe(3_000);
  });

  it('is null when absent or invalid', () => {
    for (const header of [undefined, [], '', '  ', '-5', '1.5', '5s', '2025-03-02', 'soon', 'Sat, 99 Foo 2025 GMT']) {
      expect(parseRetryAfter(header, now)).toBeNull();
    }
  });
});

describe('deliveryRetryDelayMs', () => {
  it('waits for the backoff or the Retry-After, whichever is longer', () => {
    expect(deliveryRetryDelayMs(1_000, null)).toBe(1_000);
    expect(deliveryRetryDelayMs(1_000, 0)).toBe(1_000);
    expect(deliveryRetryDelayMs(8_000, 5_000)).toBe(8_000);
  });

  it('rounds a longer Retry-After up to a power of two seconds, so that delays share retry queues', () => {
    expect(deliveryRetryDelayMs(1_000, 1_500)).toBe(2_000);
    expect(deliveryRetryDelayMs(1_000, 5_000)).toBe(8_000);
    expect(deliveryRetryDelayMs(1_000, 8_000)).toBe(8_000);
    expect(deliveryRetryDelayMs(100, 700)).toBe(1_000);
    expect(deliveryRetryDelayMs(1_000, 590_000)).toBe(600_000);
  });
});
