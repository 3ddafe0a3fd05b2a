import { dueAtMs, scheduledCount } from './pacing';

describe('scheduledCount', () => {
  it('publishes the first record at once', () => {
    expect(scheduledCount({ total: 10, ratePerMinute: 1, runningMs: 0 })).toBe(1);
  });

  it('follows the integral of the rate, floored', () => {
    const pace = (runningMs: number) => scheduledCount({ total: 1_000_000, ratePerMinute: 36_000, runningMs });
    expect(pace(999)).toBe(1 + 599);
    expect(pace(1_000)).toBe(1 + 600);
    expect(pace(10_000)).toBe(1 + 6_000);
  });

  it('holds 1 per minute', () => {
    const pace = (runningMs: number) => scheduledCount({ total: 5, ratePerMinute: 1, runningMs });
    expect(pace(59_999)).toBe(1);
    expect(pace(60_000)).toBe(2);
    expect(pace(4 * 60_000)).toBe(5);
  });

  it('holds 600,000 per minute without drift over an hour', () => {
    expect(scheduledCount({ total: 100_000_000, ratePerMinute: 600_000, runningMs: 3_600_000 })).toBe(36_000_001);
  });

  it('handles fractional rates exactly', () => {
    // 1.5 per minute: one every 40 s.
    expect(scheduledCount({ total: 100, ratePerMinute: 1.5, runningMs: 39_999 })).toBe(1);
    expect(scheduledCount({ total: 100, ratePerMinute: 1.5, runningMs: 40_000 })).toBe(2);
  });

  it('never exceeds total', () => {
    expect(scheduledCount({ total: 6_000, ratePerMinute: 36_000, runningMs: 60_000 })).toBe(6_000);
  });

  it('publishes nothing before the start', () => {
    expect(scheduledCount({ total: 10, ratePerMinute: 60, runningMs: -1 })).toBe(0);
  });

  it('is the inverse of dueAtMs', () => {
    for (const rate of [1, 7, 60, 36_000, 600_000]) {
      for (const count of [1, 2, 3, 1_000, 12_345]) {
        const at = dueAtMs(count, rate);
        expect(scheduledCount({ total: 1e9, ratePerMinute: rate, runningMs: at })).toBeGreaterThanOrEqual(count);
        if (at > 0) expect(scheduledCount({ total: 1e9, ratePerMinute: rate, runningMs: at - 1 })).toBeLessThan(count);
      }
    }
  });
});
