import type { JobInput } from './job-message';
import type { ProcessorName } from './processors';

/** What a processor computed: `square`'s number, `hash`'s hex digest; null for `http` (see `delivery`). */
export type JobOutput = number | string | null;

/** How the endpoint of an `http` run answered an attempt: its HTTP status, and how long the answer took. */
export interface DeliveryAnswer {
  status: number;
  latencyMs: number;
}

/** How the endpoint of an `http` run answered the attempt that succeeded. */
export interface DeliveryResult extends DeliveryAnswer {
  /** The first `PROCESSOR_LIMITS.responseBytesKept` bytes of the answer's body. */
  response: string;
}

/** A stored result in the `jobs` index; `_id` is `jobId(runId, seq)`. */
export interface JobDocument {
  runId: string;
  seq: number;
  input: JobInput;
  output: JobOutput;
  /** Present for `http` runs only. */
  delivery?: DeliveryResult;
  processor: ProcessorName;
  workerId: string;
  attempt: number;
  publishedAt: string;
  processedAt: string;
}

export const JOBS_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    runId: { type: 'keyword' },
    seq: { type: 'long' },
    // A record or a number, a number or a digest: kept as given, never indexed (any shape, no mapping explosion).
    input: { type: 'object', enabled: false },
    output: { type: 'object', enabled: false },
    delivery: {
      properties: {
        status: { type: 'integer' },
        latencyMs: { type: 'integer' },
        response: { type: 'text', index: false },
      },
    },
    processor: { type: 'keyword' },
    workerId: { type: 'keyword' },
    attempt: { type: 'integer' },
    publishedAt: { type: 'date' },
    processedAt: { type: 'date' },
  },
} as const;

/** `GET /api/runs/:id/results`: a page of stored results by seq, and how many match the filters. */
export interface ResultPage {
  items: JobDocument[];
  total: number;
  nextCursor: string | null;
}
