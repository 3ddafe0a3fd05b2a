import { RUN_LIMITS, type RunStatus } from '@app/contracts';

/*
 * The rate and time formulas of a run, shared by the servers (the run's JSON, the rate history, validation of a
 * requested duration) and the dashboard (the preview of a change, a finished run's average rate), so both always
 * give the same figures.
 */

/** Records not yet processed or failed. */
export const remainingCount = (run: { total: number; processed: number; failed: number }): number =>
  Math.max(0, run.total - run.processed - run.failed);

/** Seconds `remaining` records take at `ratePerMinute` (unrounded). */
export const secondsToFinish = (remaining: number, ratePerMinute: number): number => (remaining * 60) / ratePerMinute;

/** A run's ETA in whole seconds: 0 once completed, none unless it is running (a paused clock does not run). */
export function etaSeconds(status: RunStatus, remaining: number, ratePerMinute: number): number | null {
  if (status === 'completed') return 0;
  if (status !== 'running') return null;
  return Math.ceil(secondsToFinish(remaining, ratePerMinute));
}

/** The rate that spreads `records` over `durationMinutes` (the `durationMinutes` form of Y). */
export const spreadRate = (records: number, durationMinutes: number): number => records / durationMinutes;

/** The minutes `records` take at `ratePerMinute`: the inverse of `spreadRate`, the duration a rate amounts to. */
export const spreadMinutes = (records: number, ratePerMinute: number): number => records / ratePerMinute;

/** Whether a rate is one a run may have. */
export const isRateInLimits = (ratePerMinute: number): boolean =>
  ratePerMinute >= RUN_LIMITS.ratePerMinuteMin && ratePerMinute <= RUN_LIMITS.ratePerMinuteMax;

/** Seconds over which `achievedRatePerMinute` is measured, by the api's run views and the scheduler's rate history alike. */
export const ACHIEVED_RATE_WINDOW_SECONDS = 10;

/**
 * Records per minute over the whole seconds before `nowMs` that `perSecondCounts` covers (the last one ends at the
 * start of `nowMs`'s second), counting only the time since the run started: a run 4 s old is measured over 4 s,
 * not diluted over the full window.
 */
export function achievedRatePerMinute(perSecondCounts: readonly number[], startedAtMs: number | null, nowMs: number): number {
  const windowEnd = Math.floor(nowMs / 1000);
  const windowStart = Math.max(windowEnd - perSecondCounts.length, (startedAtMs ?? nowMs) / 1000);
  const seconds = windowEnd - windowStart;
  if (seconds <= 0) return 0;
  const sum = perSecondCounts.reduce((a, b) => a + b, 0);
  return Math.round((sum * 60) / seconds);
}

/**
 * A finished run's (completed or stopped) average rate: records processed per minute from its start to its
 * finish. Null while it goes on, for a run that never started, or when no time passed. (A stopped run's
 * queue may still be processed after `finishedAt`; those records count too.)
 */
export function averageRatePerMinute(run: { processed: number; startedAt: string | null; finishedAt: string | null }): number | null {
  if (run.startedAt === null || run.finishedAt === null) return null;
  const minutes = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 60_000;
  return minutes > 0 ? run.processed / minutes : null;
}
