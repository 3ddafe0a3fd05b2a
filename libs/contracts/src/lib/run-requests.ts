import type { HttpMethod, ProcessorName } from './processors';

/** `target` of an `http` run as asked for: what is left out takes the defaults of `PROCESSOR_LIMITS`. */
export interface HttpTargetRequest {
  url: string;
  method?: HttpMethod;
  headers?: Record<string, string>;
  timeoutMs?: number;
  concurrency?: number;
  /** The signing secret (`whsec_` and base64); generated when absent, and shown once either way. */
  secret?: string;
}

/**
 * Body of `POST /api/runs`: `total` (X) and either `ratePerMinute` or `durationMinutes` (Y; the rate is then
 * total / duration). Over a dataset (`datasetId`), `total` defaults to its record count and may be lower. The api
 * validates it against `CreateRunDto` (`@app/contracts/dto`), which implements this.
 */
export interface CreateRunRequest {
  total?: number;
  ratePerMinute?: number;
  durationMinutes?: number;
  processor?: ProcessorName;
  datasetId?: string;
  /** Required by, and only for, the `http` processor. */
  target?: HttpTargetRequest;
  /** SHA-256 rounds per record for the `hash` processor (default `HASH_ROUNDS_DEFAULT`). */
  rounds?: number;
  /** Where the run's final JSON is POSTed once it completes, or is stopped and drained. */
  notify?: { url: string };
}

export const HASH_ROUNDS_DEFAULT = 1_000;

/**
 * Body of `PATCH /api/runs/:id`: a new `total` and/or a new rate, given as `ratePerMinute` or as `durationMinutes`
 * (how long the records not yet published should take from now). Validated against `UpdateRunDto`.
 */
export interface UpdateRunRequest {
  total?: number;
  ratePerMinute?: number;
  durationMinutes?: number;
}
