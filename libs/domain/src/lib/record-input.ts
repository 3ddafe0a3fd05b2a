import type { JobInput, JobMessage, ProcessorName } from '@app/contracts';

/** Inputs lie in [0, RECORD_INPUT_RANGE), so every processor output stays an exact integer in a double. */
export const RECORD_INPUT_RANGE = 1_000_000;

/**
 * The input of record `seq` of a run, derived from `(runId, seq)` alone (32-bit FNV-1a), so that a
 * re-published seq carries the same input and nothing is ever materialized up front.
 */
export function recordInput(runId: string, seq: number): number {
  const key = `${runId}:${seq}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % RECORD_INPUT_RANGE;
}

/**
 * The first attempt of record `seq` of a run, as the scheduler (or a repair) publishes it: with the dataset's record
 * when the run is over one, else with the generated one.
 */
export function newJob(
  runId: string,
  seq: number,
  processor: ProcessorName,
  publishedAt: number,
  input: JobInput = recordInput(runId, seq),
): JobMessage {
  return { runId, seq, input, processor, publishedAt, attempt: 1 };
}
