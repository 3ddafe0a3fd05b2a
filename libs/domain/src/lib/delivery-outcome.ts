/**
 * The outcome of one delivery of a record to a user's endpoint (the `http` processor): what the attempt gave, and
 * whether the job is processed, retried with backoff or dead-lettered at once because it will not get better.
 */
export type DeliveryVerdict = 'processed' | 'retry' | 'dead';

export type DeliveryAttempt =
  | { kind: 'response'; status: number; latencyMs: number; body: string; retryAfterMs: number | null }
  | { kind: 'error'; error: string; latencyMs: number; timedOut: boolean };

/** The longest wait a `Retry-After` may ask for, so a hostile or broken endpoint cannot park a job for ever. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Characters of an endpoint's answer quoted in a failed attempt's reason. */
export const QUOTED_ANSWER_CHARS = 200;

/** Client errors that say "try again later" rather than "this request is wrong". */
const RETRYABLE_CLIENT_ERRORS = new Set([408, 425, 429]);

/** A 3xx is dead like any other 4xx: redirects are not followed, and the same request would get the same answer. */
export function classifyStatus(status: number): DeliveryVerdict {
  if (status >= 200 && status <= 299) return 'processed';
  if (RETRYABLE_CLIENT_ERRORS.has(status) || (status >= 500 && status <= 599)) return 'retry';
  return 'dead';
}

/** A connection error or a timeout may pass, so it is retried. */
export function attemptVerdict(attempt: DeliveryAttempt): DeliveryVerdict {
  return attempt.kind === 'response' ? classifyStatus(attempt.status) : 'retry';
}

/**
 * Why an attempt that was not a 2xx failed, as a dead letter and a run's notification show it: no answer in time, the
 * request failing, or the endpoint's status and the first `QUOTED_ANSWER_CHARS` characters of what it said.
 */
export function failedAttemptReason(attempt: DeliveryAttempt, timeoutMs: number): string {
  if (attempt.kind === 'error') return attempt.timedOut ? `no answer within ${timeoutMs} ms` : `request failed: ${attempt.error}`;
  const answer = attempt.body.length === 0 ? '' : `: ${attempt.body.slice(0, QUOTED_ANSWER_CHARS)}`;
  return `the endpoint answered ${attempt.status}${answer}`;
}

/**
 * The wait a `Retry-After` header asks for, in ms: delta-seconds or an HTTP-date (a date past gives 0), capped at
 * `MAX_RETRY_AFTER_MS`; null when absent or invalid. Only a value starting with a day name is taken as a date, as all
 * three HTTP-date forms do, since `Date.parse` also reads strings such as "5.5" or "2024". The obsolete asctime form
 * carries no zone, which `Date.parse` would take as local time: an HTTP-date is always GMT.
 */
export function parseRetryAfter(header: string | string[] | undefined, nowMs: number): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1_000, MAX_RETRY_AFTER_MS);
  if (!/^[A-Za-z]{3}/.test(value)) return null;
  const date = Date.parse(value.endsWith('GMT') ? value : `${value} GMT`);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - nowMs, 0), MAX_RETRY_AFTER_MS);
}

/**
 * The delays a `Retry-After` longer than the backoff is rounded up to: powers of two seconds, then the cap. Each
 * distinct delay is a retry queue of its own, so an endpoint's arbitrary values must not make one queue each.
 */
export const RETRY_AFTER_DELAYS_MS: readonly number[] = [
  ...Array.from({ length: 10 }, (_, k) => 1_000 * 2 ** k).filter((ms) => ms < MAX_RETRY_AFTER_MS),
  MAX_RETRY_AFTER_MS,
];

/** The endpoint's `Retry-After` may lengthen the backoff (rounded up to `RETRY_AFTER_DELAYS_MS`), never shorten it. */
export function deliveryRetryDelayMs(backoffMs: number, retryAfterMs: number | null): number {
  if (retryAfterMs === null || retryAfterMs <= backoffMs) return backoffMs;
  return RETRY_AFTER_DELAYS_MS.find((ms) => ms >= retryAfterMs) ?? MAX_RETRY_AFTER_MS;
}
