import { accruedAt, changeRate, dueCount, dueAt, pausePace, rebasePace, resumePace, startPace } from './pace';

const T0 = 1_800_000_000_000;
const s = (seconds: number) => T0 + seconds * 1000;

describe('pace', () => {
  it('publishes the first record at once, then one per 1/rate', () => {
    const pace = startPace(60, T0);
    expect(dueCount(pace, 100, T0)).toBe(1);
    expect(dueCount(pace, 100, s(0.999))).toBe(1);
    expect(dueCount(pace, 100, s(1))).toBe(2);
    expect(dueCount(pace, 100, s(10))).toBe(11);
  });

  it('holds 1 per minute and 600,000 per minute without drift', () => {
    const slow = startPace(1, T0);
    expect(dueCount(slow, 10, s(59.999))).toBe(1);
    expect(dueCount(slow, 10, s(60))).toBe(2);
    const fast = startPace(600_000, T0);
    expect(dueCount(fast, 100_000_000, s(3_600))).toBe(36_000_001);
    expect(dueCount(fast, 100_000_000, s(0.0001))).toBe(2);
  });

  it('handles fractional rates exactly', () => {
    const pace = startPace(1.5, T0); // one every 40 s
    expect(dueCount(pace, 100, s(39.999))).toBe(1);
    expect(dueCount(pace, 100, s(40))).toBe(2);
  });

  it('caps at total', () => {
    expect(dueCount(startPace(36_000, T0), 6_000, s(3_600))).toBe(6_000);
  });

  it('applies a raised rate from the moment of the change, with no burst and no lost time', () => {
    let pace = startPace(60, T0);
    pace = changeRate(pace, 600, s(10)); // 10 accrued at 1/s, then 10/s
    expect(dueCount(pace, 1e6, s(10))).toBe(11);
    expect(dueCount(pace, 1e6, s(11))).toBe(21);
    expect(dueCount(pace, 1e6, s(20))).toBe(111);
  });

  it('applies a lowered rate from the moment of the change', () => {
    let pace = startPace(600, T0);
    pace = changeRate(pace, 60, s(10)); // 100 accrued, then 1/s
    expect(dueCount(pace, 1e6, s(10))).toBe(101);
    expect(dueCount(pace, 1e6, s(10.999))).toBe(101);
    expect(dueCount(pace, 1e6, s(11))).toBe(102);
  });

  it('keeps its fractional progress across a rate change', () => {
    let pace = startPace(60, T0);
    pace = changeRate(pace, 120, s(1.5)); // 1.5 accrued, the next record is half a record away: 0.25 s at 2/s
    expect(dueCount(pace, 100, s(1.749))).toBe(2);
    expect(dueCount(pace, 100, s(1.75))).toBe(3);
  });

  it('stops the clock while paused and resumes where it stopped', () => {
    let pace = startPace(60, T0);
    pace = pausePace(pace, s(5.5));
    expect(dueCount(pace, 100, s(5.5))).toBe(6);
    expect(dueCount(pace, 100, s(500))).toBe(6);
    pace = resumePace(pace, s(500));
    expect(dueCount(pace, 100, s(500.499))).toBe(6);
    expect(dueCount(pace, 100, s(500.5))).toBe(7);
    expect(accruedAt(pace, s(510))).toBeCloseTo(15.5);
  });

  it('changes the rate of a paused run without starting it', () => {
    let pace = pausePace(startPace(60, T0), s(10));
    pace = changeRate(pace, 6_000, s(20));
    expect(dueCount(pace, 1e6, s(30))).toBe(11);
    pace = resumePace(pace, s(30));
    expect(dueCount(pace, 1e6, s(31))).toBe(111);
  });

  it('follows a raised or lowered total', () => {
    const pace = startPace(600, T0);
    expect(dueCount(pace, 50, s(10))).toBe(50);
    expect(dueCount(pace, 500, s(10))).toBe(101);
  });

  it('forgives held-back records after backpressure instead of bursting', () => {
    let pace = startPace(60, T0);
    // Held back at 10 published while 30 accrued: go on from 10 at 1/s.
    pace = rebasePace(pace, 10, s(30));
    expect(dueCount(pace, 1e6, s(30))).toBe(10);
    expect(dueCount(pace, 1e6, s(31))).toBe(11);
    // Never moves the schedule forward.
    expect(rebasePace(startPace(60, T0), 100, s(5)).accrued).toBeCloseTo(5);
  });

  it('tells when a record is due, agreeing with the count due', () => {
    let pace = startPace(60, T0);
    expect(dueAt(pace, 1)).toBe(T0);
    expect(dueAt(pace, 2)).toBe(s(1));
    pace = changeRate(pace, 120, s(1.5));
    expect(dueAt(pace, 3)).toBe(s(1.75));
    expect(dueAt(pace, 4)).toBe(s(2.25));
    for (const seq of [3, 4, 10]) {
      const at = dueAt(pace, seq) ?? NaN;
      expect(dueCount(pace, 1e6, at)).toBe(seq);
      expect(dueCount(pace, 1e6, at - 1)).toBe(seq - 1);
    }
    expect(dueAt(pausePace(pace, s(3)), 5)).toBeNull();
  });
});
