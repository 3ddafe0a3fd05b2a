export interface RetryPolicy {
  /** Attempts in all, the first included; a job failing the last one is dead-lettered. */
  maxAttempts: number;
  /** Delay before the second attempt; each later one waits twice as long as the one before. */
  baseDelayMs: number;
}

/** What to do with a job whose processor failed on `attempt`. */
export type FailureDecision = { retry: true; delayMs: number; nextAttempt: number } | { retry: false };

export function onFailure(policy: RetryPolicy, attempt: number): FailureDecision {
  if (attempt >= policy.maxAttempts) return { retry: false };
  return { retry: true, delayMs: policy.baseDelayMs * 2 ** (attempt - 1), nextAttempt: attempt + 1 };
}
