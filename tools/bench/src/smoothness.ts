import { percentile } from './display-latency';

/**
 * How evenly a limited rate spreads its work over time, from the instants each job started (or each record was
 * published), in epoch milliseconds. A smooth 100/s starts one job every 10 ms; a fixed-window limiter starts the
 * second's 100 at once, then idles until the window ends.
 */
export interface Smoothness {
  count: number;
  /** The most starts in any sliding window [t, t + windowMs): a fixed-window limiter can hold almost twice its max. */
  mostInAnyWindow: number;
  /** For each whole window from the first start, the time from its first start to its last: median and least, ms. */
  spreadMedian: number;
  spreadLeast: number;
  /** The longest time between two consecutive starts, ms. */
  longestGap: number;
}

const sorted = (times: readonly number[]): number[] => [...times].sort((a, b) => a - b);

export function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  const ordered = sorted(times);
  let most = 0;
  let from = 0;
  for (let to = 0; to < ordered.length; to++) {
    while (ordered[to] - ordered[from] >= windowMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

/** The spread of the starts of each whole window [first + k * windowMs, first + (k + 1) * windowMs), empty ones left out. */
export function windowSpreads(times: readonly number[], windowMs: number): number[] {
  const ordered = sorted(times);
  if (ordered.length === 0) return [];
  const first = ordered[0];
  const whole = Math.floor((ordered[ordered.length - 1] - first) / windowMs);
  const spreads: number[] = [];
  let i = 0;
  for (let k = 0; k < whole; k++) {
    const end = first + (k + 1) * windowMs;
    const start = i;
    while (i < ordered.length && ordered[i] < end) i++;
    if (i > start) spreads.push(ordered[i - 1] - ordered[start]);
  }
  return spreads;
}

export function longestGap(times: readonly number[]): number {
  const ordered = sorted(times);
  return ordered.reduce((longest, time, i) => (i === 0 ? 0 : Math.max(longest, time - ordered[i - 1])), 0);
}

export function smoothness(times: readonly number[], windowMs: number): Smoothness {
  const spreads = windowSpreads(times, windowMs);
  return {
    count: times.length,
    mostInAnyWindow: mostInAnyWindow(times, windowMs),
    spreadMedian: percentile(spreads, 50),
    spreadLeast: spreads.length ? Math.min(...spreads) : NaN,
    longestGap: longestGap(times),
  };
}
