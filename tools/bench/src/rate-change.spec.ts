import { applyDelays, firstOfBurst } from './rate-change';

describe('how long rate changes take to apply', () => {
  it('measures from the PATCH answer, and from its sending, to the first record on the new schedule', () => {
    const changes = Array.from({ length: 20 }, (_, i) => ({
      sentAt: 1_000 * i,
      answeredAt: 1_000 * i + 5,
      firstOnNewSchedule: 1_000 * i + 5 + i,
    }));
    expect(applyDelays(changes)).toEqual({
      changes: 20,
      missing: 0,
      fromAnswer: { min: 0, p50: 9, p95: 18, max: 19 },
      fromSent: { min: 5, p50: 14, p95: 23, max: 24 },
    });
  });

  it('keeps a record that went out before the answer came back as a negative delay', () => {
    expect(applyDelays([{ sentAt: 100, answeredAt: 130, firstOnNewSchedule: 120 }])).toMatchObject({
      fromAnswer: { min: -10, max: -10 },
      fromSent: { min: 20, max: 20 },
    });
  });

  it('counts the changes after which nothing came apart, instead of averaging them away', () => {
    const summary = applyDelays([
      { sentAt: 0, answeredAt: 10, firstOnNewSchedule: 30 },
      { sentAt: 1_000, answeredAt: 1_010, firstOnNewSchedule: null },
    ]);
    expect(summary).toMatchObject({ changes: 2, missing: 1, fromAnswer: { min: 20, p50: 20, p95: 20, max: 20 } });
  });

  it('has no statistics when no change applied', () => {
    expect(applyDelays([{ sentAt: 0, answeredAt: 10, firstOnNewSchedule: null }])).toMatchObject({
      missing: 1,
      fromAnswer: { p50: NaN, max: NaN },
    });
  });
});

describe('when a change from a slow schedule to a fast one took effect', () => {
  const slowThenFast = [0, 1_000, 1_880, 2_030, 2_031, 2_050, 2_070];

  it('is the first start that another follows closely, within the window', () => {
    expect(firstOfBurst(slowThenFast, 1_500, 2_500)).toBe(2_030);
    expect(firstOfBurst(slowThenFast, 2_031, 2_500)).toBe(2_031);
  });

  it('is not a lone start of the slow schedule, even with another a second later in the window', () => {
    expect(firstOfBurst([0, 1_000, 2_000, 3_000], 500, 2_600)).toBeNull();
  });

  it('is null when the burst starts after the window', () => {
    expect(firstOfBurst(slowThenFast, 0, 2_030)).toBeNull();
    expect(firstOfBurst([], 0, 1_000)).toBeNull();
  });
});
