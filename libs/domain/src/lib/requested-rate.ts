import { isRateInLimits, spreadRate } from './run-rates';

export interface RateRequest {
  ratePerMinute?: number;
  durationMinutes?: number;
}

/** The rate a request asks for, or the field error (a 400) when it asks for none, both, or one out of range. */
export type RequestedRate = { ok: true; ratePerMinute: number | undefined } | { ok: false; error: string };

/**
 * Resolves `ratePerMinute` or `durationMinutes` into a rate: `records` spread over the duration.
 * `required` is true on creation, where a rate must be given one way or the other.
 */
export function requestedRate(request: RateRequest, records: number, required: boolean): RequestedRate {
  const { ratePerMinute, durationMinutes } = request;
  if (ratePerMinute !== undefined && durationMinutes !== undefined) {
    return { ok: false, error: 'ratePerMinute and durationMinutes cannot both be given' };
  }
  if (durationMinutes === undefined) {
    return ratePerMinute === undefined && required
      ? { ok: false, error: 'ratePerMinute must be a number from 1 to 600,000 (or give durationMinutes)' }
      : { ok: true, ratePerMinute };
  }
  const rate = spreadRate(records, durationMinutes);
  if (!isRateInLimits(rate)) {
    return {
      ok: false,
      error: `durationMinutes must spread the ${records} remaining records at 1 to 600,000 per minute (it gives ${rate.toPrecision(4)})`,
    };
  }
  return { ok: true, ratePerMinute: rate };
}
