import type { Run } from '@app/contracts';
import { remainingCount, secondsToFinish, spreadRate } from '@app/domain';
import { formatEta } from '../shared/format-eta';
import { formatFinishTime } from '../shared/format-finish-time';
import type { LocaleFormats } from '../shared/locale-formats';
import type { RunChangeValues } from './run-change';

/** What a change would do to a run, computed before it is applied; or why it cannot be computed. */
export type ChangePreview =
  | {
      readonly kind: 'ready';
      /** The rate the run would go at: the entered one, or the records left to publish over the duration. */
      readonly ratePerMinute: number;
      /** Jobs not yet processed or failed under the new total. */
      readonly remaining: number;
      readonly etaSeconds: number;
      /** Epoch ms the run would finish at; null while it is paused (its clock does not run). */
      readonly finishesAt: number | null;
    }
  | { readonly kind: 'no-total' }
  | { readonly kind: 'total-below-published'; readonly published: number }
  | { readonly kind: 'no-rate' }
  | { readonly kind: 'no-duration' }
  | { readonly kind: 'nothing-to-publish' };

const positive = (value: number | null): value is number => value !== null && Number.isFinite(value) && value > 0;

/**
 * The ETA and finish time `values` would give `run` if applied at `now` (epoch ms), by the server's formulas
 * (`@app/domain`): the records remaining under the new total, at the entered rate or at the records left to
 * publish spread over the duration. A run with nothing remaining completes at once, even a paused one.
 */
export function previewChange(
  run: Pick<Run, 'status' | 'published' | 'processed' | 'failed'>,
  values: RunChangeValues,
  now: number,
): ChangePreview {
  const { total } = values;
  if (total === null || !Number.isInteger(total) || total < 1) {
    return { kind: 'no-total' };
  }
  if (total < run.published) {
    return { kind: 'total-below-published', published: run.published };
  }

  let ratePerMinute: number;
  if (values.pace === 'rate') {
    if (!positive(values.ratePerMinute)) {
      return { kind: 'no-rate' };
    }
    ratePerMinute = values.ratePerMinute;
  } else {
    if (!positive(values.durationMinutes)) {
      return { kind: 'no-duration' };
    }
    const toPublish = total - run.published;
    if (toPublish <= 0) {
      return { kind: 'nothing-to-publish' };
    }
    ratePerMinute = spreadRate(toPublish, values.durationMinutes);
  }

  const remaining = remainingCount({ total, processed: run.processed, failed: run.failed });
  const etaSeconds = secondsToFinish(remaining, ratePerMinute);
  const finishesAt = run.status === 'paused' && remaining > 0 ? null : now + etaSeconds * 1000;
  return { kind: 'ready', ratePerMinute, remaining, etaSeconds, finishesAt };
}

/** A preview as the form shows it: the new ETA, finish time and rate when they can be computed, and a note. */
export interface ChangePreviewView {
  readonly figures: { readonly eta: string; readonly finish: string; readonly rate: string } | null;
  /** What is missing to compute the figures, or what to know about them; null when nothing needs saying. */
  readonly note: string | null;
}

const NOTES = {
  'no-total': 'Enter a whole number of jobs to see the new ETA.',
  'no-rate': 'Enter a rate above 0 to see the new ETA.',
  'no-duration': 'Enter a duration above 0 to see the new ETA.',
  'nothing-to-publish': 'Every job of this total is already published, so a duration sets no rate: give a rate or a higher total.',
} as const;

function readyNote(preview: Extract<ChangePreview, { kind: 'ready' }>): string | null {
  if (preview.remaining === 0) {
    return 'Every job of this total is done: the run completes at once.';
  }
  return preview.finishesAt === null ? 'The run is paused: the ETA counts from when it resumes.' : null;
}

export function describePreview(preview: ChangePreview, formats: LocaleFormats, now: number): ChangePreviewView {
  switch (preview.kind) {
    case 'ready':
      return {
        figures: {
          eta: formatEta(preview.etaSeconds),
          finish: preview.finishesAt === null ? 'Paused' : formatFinishTime(preview.finishesAt, now, formats),
          rate: `${formats.rate.format(preview.ratePerMinute)}/min`,
        },
        note: readyNote(preview),
      };
    case 'total-below-published':
      return {
        figures: null,
        note: `The total cannot be lower than the ${formats.count.format(preview.published)} jobs already published.`,
      };
    default:
      return { figures: null, note: NOTES[preview.kind] };
  }
}
