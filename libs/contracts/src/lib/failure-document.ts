import type { DeliveryAnswer } from './job-document';
import type { JobInput } from './job-message';
import type { ProcessorName } from './processors';

/** A dead letter in the `failures` index: a job that failed its last attempt; `_id` is `jobId(runId, seq)`. */
export interface FailureDocument {
  runId: string;
  seq: number;
  input: JobInput;
  processor: ProcessorName;
  error: string;
  /**
   * How the endpoint answered the last attempt of an `http` job (a 4xx at once, or a 5xx, 408, 425 or 429 after the
   * retries); absent when it gave no answer (a timeout, a connection error) and for the other processors.
   */
  delivery?: DeliveryAnswer;
  attempts: number;
  workerId: string;
  publishedAt: string;
  failedAt: string;
}

export const FAILURES_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    runId: { type: 'keyword' },
    seq: { type: 'long' },
    input: { type: 'object', enabled: false },
    processor: { type: 'keyword' },
    error: { type: 'text' },
    // As in the jobs index, so that one search over both aggregates an http run's answers (`ResultStore.deliveryStats`).
    delivery: {
      properties: {
        status: { type: 'integer' },
        latencyMs: { type: 'integer' },
      },
    },
    attempts: { type: 'integer' },
    workerId: { type: 'keyword' },
    publishedAt: { type: 'date' },
    failedAt: { type: 'date' },
  },
} as const;

/** `GET /api/runs/:id/failures`: a page of dead letters, by seq. */
export interface FailurePage {
  items: FailureDocument[];
  nextCursor: string | null;
}

/** `POST /api/runs/:id/failures/replay`: how many dead letters were published again. */
export interface ReplayResult {
  replayed: number;
}
