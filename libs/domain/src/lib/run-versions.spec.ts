import type { Run } from '@app/contracts';
import { supersedes, withNewerRuns } from './run-versions';

const run = (id: string, version: number, achievedRatePerMinute = 0): Run => ({ id, version, achievedRatePerMinute }) as unknown as Run;

describe('supersedes', () => {
  it('lets a higher or equal version replace the copy held, never a lower one', () => {
    expect(supersedes(run('a', 2), run('a', 1))).toBe(true);
    expect(supersedes(run('a', 2, 60), run('a', 2, 30))).toBe(true);
    expect(supersedes(run('a', 1), run('a', 2))).toBe(false);
  });
});

describe('withNewerRuns', () => {
  it('keeps the newer copy of each run and adds the runs it lacked', () => {
    const a = run('r1', 5);
    const b = run('r2', 5);
    const newerA = run('r1', 6);
    const olderB = run('r2', 4);
    const c = run('r3', 1);
    expect(withNewerRuns([a, b], [newerA, olderB, c])).toEqual([newerA, b, c]);
    expect(withNewerRuns([a], [])).toEqual([a]);
  });

  it('takes an equal version in (same counters, fresher rate), as clients do', () => {
    const fresher = run('r1', 5, 600);
    expect(withNewerRuns([run('r1', 5, 0)], [fresher])).toEqual([fresher]);
  });
});
