import type { DeliveryAnswer, DeliveryResult, JobOutput } from '@app/contracts';

/**
 * What a processor made of one job: its output (and, for `http`, how the endpoint answered), or why it failed and
 * whether another attempt may do better. `retryAfterMs` is the wait the endpoint asked for, if it asked; `delivery`
 * is the endpoint's answer when it gave one, kept with the dead letter if this was the last attempt.
 */
export type ProcessorOutcome =
  | { ok: true; output: JobOutput; delivery?: DeliveryResult }
  | { ok: false; error: string; retryable: boolean; retryAfterMs: number | null; delivery?: DeliveryAnswer };

export type ProcessorFailure = Extract<ProcessorOutcome, { ok: false }>;

export const failed = (error: string, retryable: boolean, retryAfterMs: number | null = null): ProcessorFailure => ({
  ok: false,
  error,
  retryable,
  retryAfterMs,
});
