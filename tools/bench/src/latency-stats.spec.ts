import { latencySummary, loadPlan, percentile } from './latency-stats';

describe('api latency statistics', () => {
  it('spreads a rate over instances of one request per connection per second', () => {
    expect(loadPlan(500, 100)).toEqual({ instances: 100, connections: 5, staggerMs: 10 });
    expect(loadPlan(500, 1)).toEqual({ instances: 1, connections: 500, staggerMs: 1000 });
  });

  it('refuses a rate that does not split evenly', () => {
    expect(() => loadPlan(500, 3)).toThrow('does not split evenly');
    expect(() => loadPlan(500, 0)).toThrow();
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted values', () => {
    expect(latencySummary([5, 1, 3, 2, 4])).toEqual({ count: 5, p50: 3, p99: 5, max: 5 });
  });
});
