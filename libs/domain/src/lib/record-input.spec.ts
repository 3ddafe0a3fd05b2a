import { RECORD_INPUT_RANGE, recordInput } from './record-input';

describe('recordInput', () => {
  it('is the same for the same run and seq', () => {
    expect(recordInput('run-a', 42)).toBe(recordInput('run-a', 42));
  });

  it('differs across seqs and runs, within range', () => {
    const inputs = new Set<number>();
    for (let seq = 1; seq <= 1_000; seq++) {
      const input = recordInput('run-a', seq);
      expect(Number.isInteger(input)).toBe(true);
      expect(input).toBeGreaterThanOrEqual(0);
      expect(input).toBeLessThan(RECORD_INPUT_RANGE);
      inputs.add(input);
    }
    expect(inputs.size).toBeGreaterThan(990);
    expect(recordInput('run-a', 1)).not.toBe(recordInput('run-b', 1));
  });
});
