import { firstReached, percentile, type CounterSample } from './display-latency';

/** The instants (ms since the epoch) clients first received each `processed` value of a run, by value. */
export type Receipts = Map<number, number[]>;

export interface Spread {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    // A loop, not Math.max(...values): there are hundreds of thousands of them.
    max: values.reduce((max, value) => Math.max(max, value), values.length ? -Infinity : NaN),
  };
}

/** Adds one client's receipts to `into` (the receipts of many clients, many processes). */
export function mergeReceipts(into: Receipts, from: Receipts): void {
  for (const [value, times] of from) {
    const merged = into.get(value);
    if (!merged) into.set(value, [...times]);
    else for (const at of times) merged.push(at);
  }
}

/**
 * Processed -> received: for each receipt, its time minus the first time the counter (sampled in Redis) held that
 * value or more. Receipts of a value the sampler never saw reached are left out and counted as `unmatched`;
 * those earlier than the sample that first showed it (its granularity) count as 0 ms.
 */
export function deliveryLatencies(samples: readonly CounterSample[], receipts: Receipts): { latencies: number[]; unmatched: number } {
  const latencies: number[] = [];
  let unmatched = 0;
  for (const [value, times] of receipts) {
    const reached = firstReached(samples, value);
    if (reached === undefined) {
      unmatched += times.length;
      continue;
    }
    for (const at of times) latencies.push(Math.max(0, at - reached));
  }
  return { latencies, unmatched };
}

/**
 * Fan-out: for each value, each receipt's time minus the first client's. The api sends one event to every client,
 * so this is how long the last clients wait behind the first, whatever the time the event was produced.
 */
export function fanOutDelays(receipts: Receipts): number[] {
  const delays: number[] = [];
  for (const times of receipts.values()) {
    const first = times.reduce((min, at) => Math.min(min, at), Infinity);
    for (const at of times) delays.push(at - first);
  }
  return delays;
}

/**
 * A client keeps a receipt only for a value higher than any it received before: an event that repeats a count
 * (a fresher rate or ETA) is not that count becoming visible.
 */
export class ReceiptLog {
  readonly receipts: Receipts = new Map();
  /** Every event recorded, new value or not. */
  events = 0;
  private readonly highest = new Map<string, number>();

  record(client: string, value: number, at: number): void {
    this.events++;
    if (value <= (this.highest.get(client) ?? -1)) return;
    this.highest.set(client, value);
    const times = this.receipts.get(value);
    if (times) times.push(at);
    else this.receipts.set(value, [at]);
  }
}
