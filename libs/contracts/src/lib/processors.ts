/**
 * Processors a run may name; the worker owns their implementations.
 * - `square`: output = input², the default for generated records.
 * - `flaky`: fails its first three attempts, then squares: a transient fault that outlasts the default retries,
 *   so its jobs are dead-lettered and then succeed when replayed.
 * - `poison`: always fails: a job that can only end as a dead letter.
 * - `http`: delivers each record as a JSON body to the run's `target`, signed (Standard Webhooks) and with an
 *   idempotency key; the pace is the pace of deliveries.
 * - `hash`: iterated SHA-256 of the record (`rounds` per run), CPU-heavy, on the worker's thread pool.
 */
export const PROCESSOR_NAMES = ['square', 'flaky', 'poison', 'http', 'hash'] as const;
export type ProcessorName = (typeof PROCESSOR_NAMES)[number];
export const DEFAULT_PROCESSOR: ProcessorName = 'square';
/** The processors that take any record; the others compute on a generated record's number. */
export const RECORD_PROCESSORS = ['http', 'hash'] as const satisfies readonly ProcessorName[];

export const HTTP_METHODS = ['POST', 'PUT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Limits and defaults of SPEC.md ("Processors"): a field outside them is a 400 naming the field. */
export const PROCESSOR_LIMITS = {
  timeoutMsDefault: 10_000,
  timeoutMsMin: 100,
  timeoutMsMax: 120_000,
  /** In-flight requests of one run per worker. */
  concurrencyDefault: 16,
  concurrencyMin: 1,
  concurrencyMax: 256,
  /** Headers a run may add to each request, and the bytes of each name and value. */
  headersMax: 32,
  headerBytesMax: 4_096,
  roundsMin: 1,
  roundsMax: 1_000_000,
  /** Bytes of an endpoint's answer a result keeps. */
  responseBytesKept: 2_048,
} as const;

/**
 * Where an `http` run delivers its records (defaults applied). The signing secret is not part of it: it is shown
 * once, at creation, and kept apart (`RunDocument.secret`).
 */
export interface HttpTarget {
  url: string;
  method: HttpMethod;
  /** Extra request headers; they cannot replace the signature, idempotency or content-type headers. */
  headers: Record<string, string>;
  timeoutMs: number;
  concurrency: number;
}

/** Headers the platform sets on every delivery, which a run's own headers may not replace (lower case). */
export const RESERVED_DELIVERY_HEADERS = [
  'content-type',
  'content-length',
  'host',
  'idempotency-key',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
] as const;
