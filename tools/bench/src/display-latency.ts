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

/** The fields of a Chromium trace event (`browser.startTracing`'s JSON) that `rendererMainTasks` reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Start, in µs of the trace's own clock. */
  ts: number;
  /** Wall-clock duration, µs (complete events, `ph: 'X'`). */
  dur?: number;
  /** Time on the CPU, µs: less than `dur` when the thread waited (for the CPU, a lock, a synchronous call). */
  tdur?: number;
  args?: { name?: string };
}

/** A task of the page's main thread: when it started (µs, trace clock), how long it took and how long it ran (ms). */
export interface TracedTask {
  ts: number;
  wall: number;
  cpu: number;
}

/**
 * The tasks the renderer's main thread ran, in time order: its top-level `ThreadControllerImpl::RunTask` events (what
 * a long-task observer measures). A task's wall time well over its CPU time is a thread that waited, most often for
 * the CPU on a loaded machine, not work the page did.
 */
export function rendererMainTasks(events: readonly TraceEvent[]): TracedTask[] {
  const mainThreads = new Set(
    events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map(threadOf),
  );
  return events
    .filter((event) => event.ph === 'X' && event.name === 'ThreadControllerImpl::RunTask' && mainThreads.has(threadOf(event)))
    .map((event) => ({ ts: event.ts, wall: (event.dur ?? 0) / 1000, cpu: (event.tdur ?? 0) / 1000 }))
    .sort((a, b) => a.ts - b.ts);
}

const threadOf = (event: TraceEvent): string => `${event.pid}:${event.tid}`;
