import type { RunNotification } from '@app/contracts';
import { attemptVerdict, deliveryRetryDelayMs, failedAttemptReason, type DeliveryAttempt } from './delivery-outcome';
import { onFailure, type RetryPolicy } from './retry-policy';
import { runEnded } from './run-json';
import type { RunState } from './run-state';

/*
 * A run's completion callback (`notify`): once the run has ended, its final JSON is POSTed to the URL, retried with
 * backoff like an `http` delivery, until it is answered with a 2xx (`delivered`) or gives up (`failed`).
 */

/** How the callback is retried: attempts in all and the backoff (`RetryPolicy`), and how long one attempt may take. */
export interface NotificationPolicy extends RetryPolicy {
  timeoutMs: number;
}

/** The notification after an attempt, and the wait before the next one (null once it is delivered or failed). */
export interface NotificationStep {
  notification: RunNotification;
  retryInMs: number | null;
}

/** Whether a run's callback is to be sent now: the run has ended and the callback is still pending. */
export function notificationDue(state: RunState): state is RunState & { notify: RunNotification } {
  return state.notify?.status === 'pending' && runEnded(state);
}

/**
 * The notification after one attempt answered `attempt` at `nowMs`. A 2xx delivers it; what the http processor would
 * retry (408, 425, 429, 5xx, a timeout, a connection error) is tried again after the backoff, or its `Retry-After` if
 * longer, until the policy's attempts are spent; any other answer fails it at once. `lastError` is the latest failed
 * attempt's reason, kept once delivered, so that `attempts` above 1 says why.
 */
export function afterNotificationAttempt(
  notification: RunNotification,
  attempt: DeliveryAttempt,
  policy: NotificationPolicy,
  nowMs: number,
): NotificationStep {
  const attempts = notification.attempts + 1;
  const verdict = attemptVerdict(attempt);
  if (verdict === 'processed') return settled({ ...notification, status: 'delivered', attempts, deliveredAt: nowMs });
  const lastError = failedAttemptReason(attempt, policy.timeoutMs);
  const decision = verdict === 'retry' ? onFailure(policy, attempts) : { retry: false as const };
  if (!decision.retry) return settled({ ...notification, status: 'failed', attempts, lastError });
  const retryAfterMs = attempt.kind === 'response' ? attempt.retryAfterMs : null;
  return { notification: { ...notification, attempts, lastError }, retryInMs: deliveryRetryDelayMs(decision.delayMs, retryAfterMs) };
}

/** A callback that cannot be sent at all (its URL is no longer allowed, say): failed without an attempt. */
export function refusedNotification(notification: RunNotification, reason: string): NotificationStep {
  return settled({ ...notification, status: 'failed', lastError: reason });
}

const settled = (notification: RunNotification): NotificationStep => ({ notification, retryInMs: null });
