import type { DeliveryResult, JobOutput } from '@app/contracts';

/**
 * What a processor made of one job: its output (and, for `http`, how the endpoint answered), or why it failed and
 * whether another attempt may do better. `retryAfterMs` is the wait the endpoint asked for, if it asked.
 */
export type ProcessorOutcome =
  | { ok: true; output: JobOutput; delivery?: DeliveryResult }
  | { ok: false; error: string; retryable: boolean; retryAfterMs: number | null };

export const failed = (error: string, retryable: boolean, retryAfterMs: number | null = null): ProcessorOutcome => ({
  ok: false,
  error,
  retryable,
  retryAfterMs,
});
