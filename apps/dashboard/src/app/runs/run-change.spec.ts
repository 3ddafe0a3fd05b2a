import { aRun } from '../shared/run.testing';
import { buildRunChange, initialChangeValues, missingValues, paceField, type RunChangeValues } from './run-change';

describe('initialChangeValues', () => {
  it("starts from the run's total and rate, with the duration the unpublished records take at that rate", () => {
    expect(initialChangeValues(aRun({ total: 1000, published: 100, ratePerMinute: 600 }))).toEqual({
      total: 1000,
      pace: 'rate',
      ratePerMinute: 600,
      durationMinutes: 1.5,
    });
  });

  it('rounds a derived rate and duration to 2 decimals', () => {
    expect(initialChangeValues(aRun({ total: 1000, published: 0, ratePerMinute: 1000 / 3 }))).toMatchObject({
      ratePerMinute: 333.33,
      durationMinutes: 3,
    });
    expect(initialChangeValues(aRun({ total: 101, published: 100, ratePerMinute: 600_000 })).durationMinutes).toBe(0.01);
  });

  it('leaves the duration empty when everything is published', () => {
    expect(initialChangeValues(aRun({ total: 100, published: 100 })).durationMinutes).toBeNull();
  });
});

describe('paceField', () => {
  it('names the field that carries the pace', () => {
    expect(paceField('rate')).toBe('ratePerMinute');
    expect(paceField('duration')).toBe('durationMinutes');
  });
});

describe('missingValues', () => {
  it('asks for the empty total and the empty field of the pace mode, not for the other mode', () => {
    expect(missingValues({ total: null, pace: 'rate', ratePerMinute: null, durationMinutes: null })).toEqual({
      total: ['Enter the total number of jobs.'],
      ratePerMinute: ['Enter the rate in jobs per minute.'],
    });
    expect(missingValues({ total: 10, pace: 'duration', ratePerMinute: 600, durationMinutes: null })).toEqual({
      durationMinutes: ['Enter the duration in minutes.'],
    });
  });

  it('finds nothing missing in a complete form', () => {
    expect(missingValues({ total: 10, pace: 'rate', ratePerMinute: 600, durationMinutes: null })).toEqual({});
  });
});

describe('buildRunChange', () => {
  const initial: RunChangeValues = { total: 1000, pace: 'rate', ratePerMinute: 600, durationMinutes: 1.5 };
  const edit = (values: Partial<RunChangeValues>) => buildRunChange(initial, { ...initial, ...values });

  it('sends only the total when only the total changed', () => {
    expect(edit({ total: 5000 })).toEqual({ kind: 'change', body: { total: 5000 } });
  });

  it('sends only the rate when only the rate changed', () => {
    expect(edit({ ratePerMinute: 1200.5 })).toEqual({ kind: 'change', body: { ratePerMinute: 1200.5 } });
  });

  it('sends both when both changed', () => {
    expect(edit({ total: 2000, ratePerMinute: 60 })).toEqual({ kind: 'change', body: { total: 2000, ratePerMinute: 60 } });
  });

  it('sends nothing when nothing changed, even after edits that were undone', () => {
    expect(edit({})).toEqual({ kind: 'unchanged' });
    expect(edit({ durationMinutes: 99 })).toEqual({ kind: 'unchanged' });
  });

  it('sends the duration in duration mode, never with a rate, and the total only if it changed', () => {
    expect(edit({ pace: 'duration' })).toEqual({ kind: 'change', body: { durationMinutes: 1.5 } });
    expect(edit({ pace: 'duration', durationMinutes: 10, ratePerMinute: 1 })).toEqual({ kind: 'change', body: { durationMinutes: 10 } });
    expect(edit({ pace: 'duration', durationMinutes: 10, total: 4000 })).toEqual({
      kind: 'change',
      body: { total: 4000, durationMinutes: 10 },
    });
  });

  it('asks for the fields left empty, the pace field of the current mode only', () => {
    expect(edit({ total: null })).toEqual({ kind: 'incomplete', fields: { total: ['Enter the total number of jobs.'] } });
    expect(edit({ ratePerMinute: null })).toEqual({
      kind: 'incomplete',
      fields: { ratePerMinute: ['Enter the rate in jobs per minute.'] },
    });
    expect(edit({ pace: 'duration', durationMinutes: null, ratePerMinute: null })).toEqual({
      kind: 'incomplete',
      fields: { durationMinutes: ['Enter the duration in minutes.'] },
    });
    expect(edit({ pace: 'duration', ratePerMinute: null })).toEqual({ kind: 'change', body: { durationMinutes: 1.5 } });
  });
});
