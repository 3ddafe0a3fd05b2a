/** The classes of HTTP status `GET /api/runs/:id/deliveries` counts an `http` run's answers by. */
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** The statuses of a class, from `from` up to but not including `to`: `'4xx'` is 400 to 499. */
export function statusClassRange(statusClass: StatusClass): { from: number; to: number } {
  const from = Number(statusClass[0]) * 100;
  return { from, to: from + 100 };
}

/** Latency percentiles in milliseconds. */
export interface LatencyPercentiles {
  p50: number;
  p95: number;
}

/**
 * `GET /api/runs/:id/deliveries`: how an `http` run's endpoint answered the records whose delivery has ended so far,
 * each counted once by its final answer: a result by the 2xx of the attempt that succeeded, a dead letter by the
 * answer of its last attempt (a 4xx at once, or a 5xx, 408, 425 or 429 once the retries were spent). Attempts that
 * were retried are not counted. Computed by Elasticsearch over the stored results and dead letters, so it follows
 * what is stored (within its 1 s refresh), not the live counters.
 */
export interface DeliveryStats {
  /** Records whose delivery ended: the run's results and dead letters. */
  total: number;
  /** The records by the class of their final answer's status. */
  byStatusClass: Record<StatusClass, number>;
  /** Dead letters whose last attempt got no answer: a timeout, a connection error, or never sent (a target no longer allowed). */
  noAnswer: number;
  /** Of the final answers' latency (Elasticsearch's percentiles, approximate on large counts); null before any answer. */
  latencyMs: LatencyPercentiles | null;
}
