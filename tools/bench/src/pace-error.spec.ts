import { scheduledBefore, wholeRunError, windowErrors } from './pace-error';

describe('pace error', () => {
  it('counts records due strictly before an instant', () => {
    expect(scheduledBefore(0, 60, 100)).toBe(0);
    expect(scheduledBefore(1, 60, 100)).toBe(1);
    expect(scheduledBefore(1_000, 60, 100)).toBe(1);
    expect(scheduledBefore(1_001, 60, 100)).toBe(2);
    expect(scheduledBefore(60_000, 60, 100)).toBe(60);
    expect(scheduledBefore(600_000, 60, 100)).toBe(100);
  });

  it('compares each window with the schedule', () => {
    const counts = [
      { startMs: 0, endMs: 60_000, actual: 60 },
      { startMs: 60_000, endMs: 120_000, actual: 57 },
    ];
    expect(windowErrors(counts, 60, 1_000)).toEqual({ windows: 2, worstWindowError: 0.05, meanWindowError: 0.025 });
  });

  it('compares the whole run with the schedule', () => {
    expect(wholeRunError(60_000, 60, 61)).toBe(0);
    expect(wholeRunError(66_000, 60, 61)).toBeCloseTo(0.1);
  });
});
