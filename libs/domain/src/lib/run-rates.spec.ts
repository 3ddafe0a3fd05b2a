import {
  achievedRatePerMinute,
  averageRatePerMinute,
  etaSeconds,
  isRateInLimits,
  remainingCount,
  secondsToFinish,
  spreadMinutes,
  spreadRate,
} from './run-rates';

describe('remainingCount and the ETA', () => {
  it('counts what is neither processed nor failed, never below zero', () => {
    expect(remainingCount({ total: 1_000, processed: 300, failed: 10 })).toBe(690);
    expect(remainingCount({ total: 10, processed: 12, failed: 0 })).toBe(0);
  });

  it('gives the seconds to finish at the rate, whole for a running run', () => {
    expect(secondsToFinish(690, 600)).toBe(69);
    expect(secondsToFinish(1, 7)).toBeCloseTo(8.571, 3);
    expect(etaSeconds('running', 1, 7)).toBe(9);
    expect(etaSeconds('paused', 1, 7)).toBeNull();
    expect(etaSeconds('stopped', 1, 7)).toBeNull();
    expect(etaSeconds('completed', 0, 7)).toBe(0);
  });
});

describe('spreadMinutes', () => {
  it('is the duration that spreadRate turns back into the same rate', () => {
    expect(spreadMinutes(1_200, 600)).toBe(2);
    expect(spreadRate(1_200, spreadMinutes(1_200, 600))).toBe(600);
  });
});

describe('spreadRate', () => {
  it('spreads the records over the duration, within the limits or not', () => {
    expect(spreadRate(1_200, 2)).toBe(600);
    expect(isRateInLimits(spreadRate(1, 2))).toBe(false);
    expect(isRateInLimits(spreadRate(1_200_001, 2))).toBe(false);
    expect(isRateInLimits(600_000)).toBe(true);
  });
});

describe('achievedRatePerMinute', () => {
  const now = Date.UTC(2026, 0, 1, 0, 1, 0, 400);
  const longAgo = now - 3_600_000;

  it('averages per-second counts into a per-minute rate', () => {
    expect(achievedRatePerMinute([10, 10, 10, 10], longAgo, now)).toBe(600);
    expect(achievedRatePerMinute([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], longAgo, now)).toBe(6);
    expect(achievedRatePerMinute([], longAgo, now)).toBe(0);
  });

  it('measures a young run over its own age, not the whole window', () => {
    // Started 4.5 s before the current second began: the window's first 5.5 s precede it.
    const startedAt = Date.UTC(2026, 0, 1, 0, 0, 55, 500);
    expect(achievedRatePerMinute([0, 0, 0, 0, 0, 50, 100, 100, 100, 100], startedAt, now)).toBe(6_000);
  });

  it('is zero before a whole second has passed, or for a run not started', () => {
    expect(achievedRatePerMinute([0, 0, 5], now - 100, now)).toBe(0);
    expect(achievedRatePerMinute([0, 0, 5], null, now)).toBe(0);
  });
});

describe('averageRatePerMinute', () => {
  const run = { processed: 3_000, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:04.000Z' };

  it('is the records processed per minute from start to finish', () => {
    expect(averageRatePerMinute(run)).toBe(45_000);
    expect(averageRatePerMinute({ ...run, processed: 1, finishedAt: '2026-01-01T00:02:00.000Z' })).toBe(0.5);
  });

  it('is none while the run goes on, for a run never started, or when no time passed', () => {
    expect(averageRatePerMinute({ ...run, finishedAt: null })).toBeNull();
    expect(averageRatePerMinute({ ...run, startedAt: null })).toBeNull();
    expect(averageRatePerMinute({ ...run, finishedAt: run.startedAt })).toBeNull();
    expect(averageRatePerMinute({ ...run, finishedAt: 'not a date' })).toBeNull();
  });
});
