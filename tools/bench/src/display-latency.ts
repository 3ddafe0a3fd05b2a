/** A counter's value at an instant, in ms since the epoch (`performance.timeOrigin + performance.now()`). */
export interface CounterSample {
  at: number;
  value: number;
}

/** A main-thread long task as a `PerformanceObserver` reports it, in ms since the epoch. */
export interface LongTask {
  start: number;
  duration: number;
}

export interface LatencySummary {
  /** Displayed values matched to the moment the counter first reached them. */
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** Displayed values shown before the sampler saw them (sampling granularity): counted as 0 ms. */
  clamped: number;
  /** Displayed values the sampler never saw reached (should be 0). */
  unmatched: number;
}

export interface LongTaskSummary {
  count: number;
  longest: number;
  total: number;
}

/** Nearest-rank percentile (`p` in 0..100) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * The first instant `samples` (in time order, the counter never decreasing) show the counter at `value` or
 * above; undefined if it never got there.
 */
export function firstReached(samples: readonly CounterSample[], value: number): number | undefined {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (samples[mid].value >= value) high = mid;
    else low = mid + 1;
  }
  return low < samples.length ? samples[low].at : undefined;
}

/**
 * Processed-to-screen latency: for each value the page showed, the time it was shown minus the first time
 * the counter (sampled at its source) reached it.
 */
export function displayLatency(samples: readonly CounterSample[], shown: readonly CounterSample[]): LatencySummary {
  const latencies: number[] = [];
  let clamped = 0;
  let unmatched = 0;
  for (const { at, value } of shown) {
    const reached = firstReached(samples, value);
    if (reached === undefined) {
      unmatched++;
      continue;
    }
    if (at < reached) clamped++;
    latencies.push(Math.max(0, at - reached));
  }
  return {
    count: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.length ? Math.max(...latencies) : NaN,
    clamped,
    unmatched,
  };
}

/** The long tasks that started within [from, to]: how many, the longest and their total duration. */
export function longTasks(tasks: readonly LongTask[], from: number, to: number): LongTaskSummary {
  const within = tasks.filter((task) => task.start >= from && task.start <= to);
  return {
    count: within.length,
    longest: within.reduce((longest, task) => Math.max(longest, task.duration), 0),
    total: within.reduce((total, task) => total + task.duration, 0),
  };
}
