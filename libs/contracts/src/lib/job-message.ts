import { PROCESSOR_NAMES, type ProcessorName } from './processors';
import { isRunId } from './run';

/** A record as a job carries it: a generated record's number, or a dataset's record (a JSON object). */
export type JobInput = number | Record<string, unknown>;

/** The body of one job on the jobs queue; its AMQP messageId is `jobId(runId, seq)`. */
export interface JobMessage {
  runId: string;
  seq: number;
  input: JobInput;
  processor: ProcessorName;
  /** Epoch milliseconds at which the scheduler published the job. */
  publishedAt: number;
  /** 1 for the first delivery; a retry or a replay carries the attempt it is. */
  attempt: number;
}

export const jobId = (runId: string, seq: number): string => `${runId}:${seq}`;

export type JobParseResult = { ok: true; job: JobMessage } | { ok: false; reason: string };

const isSafeInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a raw job body; a bad one is dead-lettered with the returned reason instead of crashing a worker. */
export function parseJobMessage(body: Uint8Array | string): JobParseResult {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body));
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'body is not a JSON object' };
  }
  const job = value as Record<string, unknown>;
  // The run id goes into Redis key names and document ids: one that is not a run id (`x:processed-seqs`) never does.
  if (typeof job['runId'] !== 'string' || !isRunId(job['runId'])) {
    return { ok: false, reason: 'runId must be a run id' };
  }
  if (!isSafeInt(job['seq']) || job['seq'] < 1) {
    return { ok: false, reason: 'seq must be a positive integer' };
  }
  const input = job['input'];
  if (!isSafeInt(input) && !isPlainObject(input)) {
    return { ok: false, reason: 'input must be an integer or a JSON object' };
  }
  if (!PROCESSOR_NAMES.includes(job['processor'] as ProcessorName)) {
    return { ok: false, reason: `processor must be one of: ${PROCESSOR_NAMES.join(', ')}` };
  }
  if (!isSafeInt(job['publishedAt']) || job['publishedAt'] < 0) {
    return { ok: false, reason: 'publishedAt must be epoch milliseconds' };
  }
  const attempt = job['attempt'] ?? 1;
  if (!isSafeInt(attempt) || attempt < 1) {
    return { ok: false, reason: 'attempt must be a positive integer' };
  }
  return {
    ok: true,
    job: {
      runId: job['runId'],
      seq: job['seq'],
      input,
      processor: job['processor'] as ProcessorName,
      publishedAt: job['publishedAt'],
      attempt,
    },
  };
}
