import { localeFormats } from '../shared/locale-formats';
import { aRun } from '../shared/run.testing';
import { type ChangePreview, describePreview, previewChange } from './preview-change';
import type { RunChangeValues } from './run-change';

const NOW = new Date(2026, 10, 23, 13, 0, 0).getTime();
const rate = (total: number | null, ratePerMinute: number | null): RunChangeValues => ({
  total,
  pace: 'rate',
  ratePerMinute,
  durationMinutes: null,
});
const duration = (total: number | null, durationMinutes: number | null): RunChangeValues => ({
  total,
  pace: 'duration',
  ratePerMinute: null,
  durationMinutes,
});

describe('previewChange', () => {
  // 100 published, 80 processed, 5 failed.
  const run = aRun({ status: 'running', total: 1000, published: 100, processed: 80, failed: 5 });

  it('computes the ETA from the jobs left under the new total and the entered rate', () => {
    // remaining = 2000 - 80 - 5 = 1915 at 600/min: 191.5 s.
    expect(previewChange(run, rate(2000, 600), NOW)).toEqual({
      kind: 'ready',
      ratePerMinute: 600,
      remaining: 1915,
      etaSeconds: 191.5,
      finishesAt: NOW + 191_500,
    });
  });

  it('derives the rate from a duration: the records left to publish over it', () => {
    // (1000 - 100) / 3 = 300/min; remaining 915: 183 s.
    expect(previewChange(run, duration(1000, 3), NOW)).toEqual({
      kind: 'ready',
      ratePerMinute: 300,
      remaining: 915,
      etaSeconds: 183,
      finishesAt: NOW + 183_000,
    });
  });

  it('gives no finish time for a paused run', () => {
    const preview = previewChange({ ...run, status: 'paused' }, rate(1000, 60), NOW);
    expect(preview).toMatchObject({ kind: 'ready', etaSeconds: 915, finishesAt: null });
  });

  it('finishes at once when the new total is already done, paused or not', () => {
    const done = aRun({ status: 'running', published: 100, processed: 95, failed: 5 });
    expect(previewChange(done, rate(100, 600), NOW)).toMatchObject({ remaining: 0, etaSeconds: 0, finishesAt: NOW });
    expect(previewChange({ ...done, status: 'paused' }, rate(100, 600), NOW)).toMatchObject({ remaining: 0, finishesAt: NOW });
  });

  it('refuses a total below what is already published, as the server would', () => {
    expect(previewChange(run, rate(99, 600), NOW)).toEqual({ kind: 'total-below-published', published: 100 });
    expect(previewChange(run, rate(100, 600), NOW).kind).toBe('ready');
  });

  it.each([null, 0, -5, 2.5, Number.NaN])('needs a whole positive total, not %p', (total) => {
    expect(previewChange(run, rate(total, 600), NOW)).toEqual({ kind: 'no-total' });
  });

  it.each([null, 0, -1, Number.POSITIVE_INFINITY])('needs a positive rate, not %p', (value) => {
    expect(previewChange(run, rate(1000, value), NOW)).toEqual({ kind: 'no-rate' });
    expect(previewChange(run, duration(1000, value), NOW)).toEqual({ kind: 'no-duration' });
  });

  it('cannot derive a rate from a duration when nothing is left to publish', () => {
    expect(previewChange(run, duration(100, 5), NOW)).toEqual({ kind: 'nothing-to-publish' });
  });
});

describe('describePreview', () => {
  const formats = localeFormats('en-GB');
  const ready = (overrides: Partial<Extract<ChangePreview, { kind: 'ready' }>>): ChangePreview => ({
    kind: 'ready',
    ratePerMinute: 333.3333,
    remaining: 915,
    etaSeconds: 249,
    finishesAt: NOW + 249_000,
    ...overrides,
  });

  it('formats the ETA, the local finish time and the rate', () => {
    expect(describePreview(ready({}), formats, NOW)).toEqual({
      figures: { eta: '4m 09s', finish: '13:04:09', rate: '333.3/min' },
      note: null,
    });
  });

  it('says "Paused" instead of a finish time for a paused run', () => {
    expect(describePreview(ready({ finishesAt: null }), formats, NOW)).toEqual({
      figures: { eta: '4m 09s', finish: 'Paused', rate: '333.3/min' },
      note: 'The run is paused: the ETA counts from when it resumes.',
    });
  });

  it('says a run with nothing remaining completes at once', () => {
    expect(describePreview(ready({ remaining: 0, etaSeconds: 0, finishesAt: NOW }), formats, NOW)).toEqual({
      figures: { eta: '0s', finish: '13:00:00', rate: '333.3/min' },
      note: 'Every job of this total is done: the run completes at once.',
    });
  });

  it('explains what is missing instead of figures', () => {
    expect(describePreview({ kind: 'total-below-published', published: 12_345 }, formats, NOW)).toEqual({
      figures: null,
      note: 'The total cannot be lower than the 12,345 jobs already published.',
    });
    expect(describePreview({ kind: 'no-rate' }, formats, NOW)).toEqual({ figures: null, note: 'Enter a rate above 0 to see the new ETA.' });
    expect(describePreview({ kind: 'nothing-to-publish' }, formats, NOW).figures).toBeNull();
  });
});
