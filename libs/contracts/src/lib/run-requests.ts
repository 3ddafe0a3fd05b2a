import type { ProcessorName } from './processors';

/**
 * Body of `POST /api/runs`: `total` (X) and either `ratePerMinute` or `durationMinutes` (Y; the rate is then
 * total / duration). The api validates it against `CreateRunDto` (`@app/contracts/dto`), which implements this.
 */
export interface CreateRunRequest {
  total: number;
  ratePerMinute?: number;
  durationMinutes?: number;
  processor?: ProcessorName;
}

/**
 * Body of `PATCH /api/runs/:id`: a new `total` and/or a new rate, given as `ratePerMinute` or as `durationMinutes`
 * (how long the records not yet published should take from now). Validated against `UpdateRunDto`.
 */
export interface UpdateRunRequest {
  total?: number;
  ratePerMinute?: number;
  durationMinutes?: number;
}
