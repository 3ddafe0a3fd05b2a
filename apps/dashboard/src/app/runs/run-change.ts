import type { Run, UpdateRunRequest } from '@app/contracts';
import { spreadMinutes } from '@app/domain';

/** How a form gives Y: as a rate per minute, or as a duration in minutes the rate is derived from. */
export type PaceMode = 'rate' | 'duration';

export type ChangeField = 'total' | 'ratePerMinute' | 'durationMinutes';

/** Each field's label in the forms; the api's messages about a field say it too, in place of the field's name. */
export const FIELD_LABELS: Readonly<Record<ChangeField, string>> = {
  total: 'Total jobs',
  ratePerMinute: 'Rate (jobs per minute)',
  durationMinutes: 'Duration (minutes)',
};

/** What the edit form holds; `null` is an empty (or unreadable) number input. */
export interface RunChangeValues {
  readonly total: number | null;
  readonly pace: PaceMode;
  readonly ratePerMinute: number | null;
  readonly durationMinutes: number | null;
}

/** The field that carries Y in `pace` mode. */
export function paceField(pace: PaceMode): 'ratePerMinute' | 'durationMinutes' {
  return pace === 'rate' ? 'ratePerMinute' : 'durationMinutes';
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * The form's starting values: the run's total and rate (to 2 decimals), and for the duration the time
 * the records not yet published take at the current rate (empty when nothing is left to publish).
 */
export function initialChangeValues(run: Pick<Run, 'total' | 'ratePerMinute' | 'published'>): RunChangeValues {
  const toPublish = run.total - run.published;
  return {
    total: run.total,
    pace: 'rate',
    ratePerMinute: round2(run.ratePerMinute),
    durationMinutes: toPublish > 0 && run.ratePerMinute > 0 ? Math.max(0.01, round2(spreadMinutes(toPublish, run.ratePerMinute))) : null,
  };
}

/** What applying the form amounts to. */
export type RunChangeRequest =
  | { readonly kind: 'change'; readonly body: UpdateRunRequest }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'incomplete'; readonly fields: Readonly<Partial<Record<ChangeField, readonly string[]>>> };

/** What to say about a field left empty. */
export const MISSING_VALUE: Readonly<Record<ChangeField, string>> = {
  total: 'Enter the total number of jobs.',
  ratePerMinute: 'Enter the rate in jobs per minute.',
  durationMinutes: 'Enter the duration in minutes.',
};

/** What to say about each field the form needs (the total, and the field of its pace mode) that is empty. */
export function missingValues(values: RunChangeValues): Partial<Record<ChangeField, string[]>> {
  const missing: Partial<Record<ChangeField, string[]>> = {};
  for (const field of ['total', paceField(values.pace)] as const) {
    if (values[field] === null) {
      missing[field] = [MISSING_VALUE[field]];
    }
  }
  return missing;
}

/**
 * The `PATCH /api/runs/:id` body for `values`, holding only what changed from `initial`: `total` when it
 * differs, `ratePerMinute` when it differs. A duration is always sent in duration mode: choosing it asks the
 * server to spread the records left to publish over it, which is a new rate (and what the preview shows).
 */
export function buildRunChange(initial: RunChangeValues, values: RunChangeValues): RunChangeRequest {
  const missing = missingValues(values);
  if (Object.keys(missing).length > 0) {
    return { kind: 'incomplete', fields: missing };
  }

  const body: UpdateRunRequest = {};
  if (values.total !== initial.total && values.total !== null) {
    body.total = values.total;
  }
  if (values.pace === 'duration' && values.durationMinutes !== null) {
    body.durationMinutes = values.durationMinutes;
  } else if (values.ratePerMinute !== initial.ratePerMinute && values.ratePerMinute !== null) {
    body.ratePerMinute = values.ratePerMinute;
  }
  return Object.keys(body).length === 0 ? { kind: 'unchanged' } : { kind: 'change', body };
}

/** The choices of the pace toggle, in the order shown. */
export const PACE_OPTIONS: readonly { readonly value: PaceMode; readonly label: string }[] = [
  { value: 'rate', label: 'Rate per minute' },
  { value: 'duration', label: 'Duration in minutes' },
];
