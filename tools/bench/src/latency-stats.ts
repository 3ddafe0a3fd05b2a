/**
 * Statistics of the api latency bench (`api.bench.ts`): how its open-loop load is spread over autocannon instances,
 * and the percentiles of the response times it collects.
 */

/** How the load of one scenario is laid out: `instances` autocannon instances, each of `connections` connections. */
export interface LoadPlan {
  instances: number;
  connections: number;
  /** Delay between the starts of two consecutive instances, spreading their per-second bursts over the second. */
  staggerMs: number;
}

/**
 * Autocannon's rate limit is a quota per connection and per second: at each 1 s tick of a connection it sends until
 * the quota is used, the next request only once the previous one is answered. At one request per connection per
 * second, each connection sends exactly once per tick, never behind an unanswered request of its own; and since the
 * connections of one instance tick together, `instances` instances started `1000 / instances` ms apart spread the
 * rate over the second in bursts of `rate / instances` requests.
 */
export function loadPlan(ratePerSecond: number, instances: number): LoadPlan {
  if (!Number.isInteger(ratePerSecond) || !Number.isInteger(instances) || instances < 1 || ratePerSecond % instances !== 0) {
    throw new Error(`a rate of ${ratePerSecond}/s does not split evenly over ${instances} instances`);
  }
  return { instances, connections: ratePerSecond / instances, staggerMs: 1000 / instances };
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile (`p` in 0..100) of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function latencySummary(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}
