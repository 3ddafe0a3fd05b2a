import { longestGap, mostInAnyWindow, smoothness, windowSpreads } from './smoothness';

/** 100 a second for `seconds`, one every 10 ms, from t = 0. */
const even = (seconds: number) => Array.from({ length: 100 * seconds }, (_, i) => i * 10);
/** 100 a second for `seconds`, each second's 100 within its first 25 ms (a fixed-window limiter), windows 1,000 ms apart. */
const bursts = (seconds: number) => Array.from({ length: 100 * seconds }, (_, i) => Math.floor(i / 100) * 1_000 + (i % 100) * 0.25);

describe('how evenly starts are spread', () => {
  it('finds about 100 in any second of an even 100/s, spread over the whole second, never far apart', () => {
    expect(smoothness(even(10), 1_000)).toEqual({
      count: 1_000,
      mostInAnyWindow: 100,
      spreadMedian: 990,
      spreadLeast: 990,
      longestGap: 10,
    });
  });

  it('shows a fixed-window limiter: bursts of 25 ms, idle the rest, almost twice the max in a sliding second', () => {
    const summary = smoothness(bursts(10), 1_000);
    expect(summary.spreadMedian).toBeCloseTo(24.75);
    expect(summary.longestGap).toBeCloseTo(975.25);
    expect(summary.mostInAnyWindow).toBe(100);
    // The next window opens as soon as the last one's time is up: the end of one burst and the start of the next.
    const shifted = [...bursts(1).map((t) => t + 975), ...bursts(1).map((t) => t + 1_000)];
    expect(mostInAnyWindow(shifted, 1_000)).toBe(200);
  });

  it('counts a window from its start up to, not including, its end', () => {
    expect(mostInAnyWindow([0, 999, 1_000], 1_000)).toBe(2);
    expect(mostInAnyWindow([], 1_000)).toBe(0);
  });

  it('takes only whole windows from the first start, and leaves empty ones out', () => {
    expect(windowSpreads([0, 300, 2_100, 2_400, 3_500], 1_000)).toEqual([300, 300]);
    expect(windowSpreads([5], 1_000)).toEqual([]);
  });

  it('finds the longest gap in any order', () => {
    expect(longestGap([30, 0, 10])).toBe(20);
    expect(longestGap([])).toBe(0);
  });
});
