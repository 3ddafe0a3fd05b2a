const MS_PER_MINUTE = 60_000;

/** Records scheduled strictly before `ms` after the start at a constant rate: record n is due at (n-1)/rate. */
export function scheduledBefore(ms: number, ratePerMinute: number, total: number): number {
  return ms <= 0 ? 0 : Math.min(total, Math.ceil((ms * ratePerMinute) / MS_PER_MINUTE));
}

export interface WindowCount {
  startMs: number;
  endMs: number;
  /** Records published within [startMs, endMs) after the start. */
  actual: number;
}

export interface PaceErrors {
  windows: number;
  worstWindowError: number;
  meanWindowError: number;
}

/** Relative error of each window's published count against the schedule's count for the same window. */
export function windowErrors(counts: readonly WindowCount[], ratePerMinute: number, total: number): PaceErrors {
  const errors = counts.map(({ startMs, endMs, actual }) => {
    const expected = scheduledBefore(endMs, ratePerMinute, total) - scheduledBefore(startMs, ratePerMinute, total);
    return Math.abs(actual - expected) / expected;
  });
  return {
    windows: errors.length,
    worstWindowError: errors.length ? Math.max(...errors) : NaN,
    meanWindowError: errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : NaN,
  };
}

/** Relative error of the time the whole run took to publish against the schedule's (total-1)/rate. */
export function wholeRunError(firstToLastMs: number, ratePerMinute: number, total: number): number {
  const expectedMs = ((total - 1) * MS_PER_MINUTE) / ratePerMinute;
  return Math.abs(firstToLastMs - expectedMs) / expectedMs;
}
