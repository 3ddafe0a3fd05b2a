import { combinedLimit, cpuUse, machineTicks, perSecond, processTicks } from './throughput-figures';

describe('throughput figures', () => {
  it('divides items by the seconds between two instants', () => {
    expect(perSecond(5_000, 1_000, 3_000)).toBe(2_500);
  });

  it('combines limits as the costs of one job in each engine added up', () => {
    expect(combinedLimit([10_000, 10_000])).toBe(5_000);
    expect(combinedLimit([25_800, 40_000, 100_000])).toBeCloseTo(13_558, 0);
  });

  it('reads utime + stime of a process whose name has spaces and parentheses', () => {
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1234 567 0 0 20 0 11 0 500 1000 200';
    expect(processTicks(stat)).toBe(1_234 + 567);
  });

  it('reads busy and total ticks of the machine', () => {
    const stat = 'cpu  100 5 50 800 20 3 2 1 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\n';
    expect(machineTicks(stat)).toEqual({ busy: 161, total: 981 });
  });

  it('gives each process its cores and its share of what all used', () => {
    const before = new Map([
      ['worker', 1_000],
      ['redis', 50],
    ]);
    const after = new Map([
      ['worker', 1_300],
      ['redis', 150],
    ]);
    expect(cpuUse(before, after, 2, 100)).toEqual([
      { name: 'worker', cores: 1.5, share: 0.75 },
      { name: 'redis', cores: 0.5, share: 0.25 },
    ]);
  });
});
