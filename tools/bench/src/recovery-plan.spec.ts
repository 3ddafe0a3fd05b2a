import { deadLetterSeqs, expectedCounters, resultSeqs, seededRuns, storedDocuments } from './recovery-plan';

describe('the recovery bench plan', () => {
  const plan = seededRuns(10, 1_000);
  const [running] = plan.filter((run) => run.status === 'running');
  const [paused] = plan.filter((run) => run.status === 'paused');
  const withDeadLetters = plan[7];

  it('has finished runs, one with dead letters, one paused with gaps and one running with records left', () => {
    expect(plan.map((run) => run.status)).toEqual([...Array(8).fill('completed'), 'paused', 'running']);
    expect(plan.map((run) => run.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(running.published).toBeLessThan(running.total);
    expect(expectedCounters(plan[0])).toEqual({ processed: 1_000, failed: 0 });
  });

  it('stores a replayed dead letter both ways and counts it as processed', () => {
    expect(deadLetterSeqs(withDeadLetters)).toEqual([1, 2, 250, 251, 252, 1_000]);
    const results = [...resultSeqs(withDeadLetters)];
    expect(results).toContain(251);
    expect(results).not.toContain(250);
    expect(expectedCounters(withDeadLetters)).toEqual({ processed: 995, failed: 5 });
    expect(results.length).toBe(995);
  });

  it('leaves the seqs in flight without any outcome, at the start, inside and at the end', () => {
    const results = [...resultSeqs(paused)];
    expect(results.slice(0, 3)).toEqual([2, 4, 5]);
    expect(results.at(-1)).toBe(499);
    expect(expectedCounters(paused)).toEqual({ processed: 495, failed: 2 });
    expect([...resultSeqs(running)].length).toBe(expectedCounters(running).processed);
    expect(expectedCounters(running)).toEqual({ processed: 750 - 200 - 1, failed: 1 });
  });

  it('sums the documents of every index', () => {
    const results = plan.reduce((sum, run) => sum + [...resultSeqs(run)].length, 0);
    const deadLetters = plan.reduce((sum, run) => sum + deadLetterSeqs(run).length, 0);
    expect(storedDocuments(plan)).toEqual({ results, deadLetters });
  });
});
