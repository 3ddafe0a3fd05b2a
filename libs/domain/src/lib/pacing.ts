export interface PacingInput {
  total: number;
  ratePerMinute: number;
  /** Milliseconds the run has spent running since it started. */
  runningMs: number;
}

/**
 * How many records should have been published by now: the first at once, then the integral of the
 * rate over running time, floored, capped at `total`. Computing it from elapsed time (not by adding
 * per-tick quotas) keeps the pace exact at 1/min and at 600,000/min alike, whatever the tick jitter.
 */
export function scheduledCount({ total, ratePerMinute, runningMs }: PacingInput): number {
  if (runningMs < 0) return 0;
  const accrued = Math.floor((ratePerMinute * runningMs) / 60_000 + 1e-9);
  return Math.min(total, 1 + accrued);
}

/** Milliseconds from the start of running until record number `count` is due. */
export function dueAtMs(count: number, ratePerMinute: number): number {
  return count <= 1 ? 0 : Math.ceil(((count - 1) * 60_000) / ratePerMinute);
}
