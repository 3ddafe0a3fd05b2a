import { FLAKY_FAILURES, runProcessor } from './processors';

describe('runProcessor', () => {
  it('squares', () => {
    expect(runProcessor('square', 0, 1)).toBe(0);
    expect(runProcessor('square', 999_999, 1)).toBe(999_998_000_001);
  });

  it('fails a flaky job for its first attempts, then squares', () => {
    for (let attempt = 1; attempt <= FLAKY_FAILURES; attempt++) expect(() => runProcessor('flaky', 3, attempt)).toThrow(/flaky/);
    expect(runProcessor('flaky', 3, FLAKY_FAILURES + 1)).toBe(9);
  });

  it('always fails a poison job', () => {
    expect(() => runProcessor('poison', 3, 100)).toThrow('poison processor always fails');
  });
});
