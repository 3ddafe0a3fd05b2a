import { PROCESSOR_LIMITS } from './processors';
import { RUN_LIMITS } from './run';

// The field rules of `POST /api/runs`, written once: the api's DTOs (`@app/contracts/dto`) check them with
// class-validator, and the dashboard checks them before sending, both saying the same message.

/** A numeric field: an integer, or any finite number, within bounds; or any positive number. */
export type NumberRule =
  { readonly kind: 'integer' | 'number'; readonly min: number; readonly max: number } | { readonly kind: 'positive' };

/** The numeric fields of a new run, by name (`timeoutMs` and `concurrency` are of `target`). */
export const RUN_NUMBER_RULES = {
  total: { kind: 'integer', min: RUN_LIMITS.totalMin, max: RUN_LIMITS.totalMax },
  ratePerMinute: { kind: 'number', min: RUN_LIMITS.ratePerMinuteMin, max: RUN_LIMITS.ratePerMinuteMax },
  durationMinutes: { kind: 'positive' },
  timeoutMs: { kind: 'integer', min: PROCESSOR_LIMITS.timeoutMsMin, max: PROCESSOR_LIMITS.timeoutMsMax },
  concurrency: { kind: 'integer', min: PROCESSOR_LIMITS.concurrencyMin, max: PROCESSOR_LIMITS.concurrencyMax },
  rounds: { kind: 'integer', min: PROCESSOR_LIMITS.roundsMin, max: PROCESSOR_LIMITS.roundsMax },
} as const satisfies Record<string, NumberRule>;

export function meetsNumberRule(value: number, rule: NumberRule): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.kind === 'positive') return value > 0;
  return (rule.kind === 'number' || Number.isInteger(value)) && value >= rule.min && value <= rule.max;
}

/** What `field` must be: "total must be an integer from 1 to 100,000,000". */
export function numberRuleMessage(field: string, rule: NumberRule): string {
  if (rule.kind === 'positive') return `${field} must be a positive number`;
  const range = `from ${rule.min.toLocaleString('en-US')} to ${rule.max.toLocaleString('en-US')}`;
  return `${field} must be ${rule.kind === 'integer' ? 'an integer' : 'a number'} ${range}`;
}

/** Where a run delivers (`target.url`) or calls back (`notify.url`); the api then checks its host against the allowlist. */
export const DESTINATION_URL_MAX_LENGTH = 2_048;
export const DESTINATION_URL_PATTERN = /^https?:\/\/\S+$/i;

export const meetsDestinationUrlRule = (url: string): boolean =>
  url.length <= DESTINATION_URL_MAX_LENGTH && DESTINATION_URL_PATTERN.test(url);

/** What a destination URL must be: "url must be an absolute http or https URL of at most 2,048 characters". */
export const destinationUrlMessage = (field: string): string =>
  `${field} must be an absolute http or https URL of at most ${DESTINATION_URL_MAX_LENGTH.toLocaleString('en-US')} characters`;
