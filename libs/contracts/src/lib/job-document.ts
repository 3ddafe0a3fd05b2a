import type { ProcessorName } from './processors';

/** A stored result in the `jobs` index; `_id` is `jobId(runId, seq)`. */
export interface JobDocument {
  runId: string;
  seq: number;
  input: number;
  output: number;
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
    input: { type: 'long' },
    output: { type: 'double' },
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
