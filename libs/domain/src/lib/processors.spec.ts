import { runProcessor } from './processors';

describe('runProcessor', () => {
  it('squares', () => {
    expect(runProcessor('square', 0)).toBe(0);
    expect(runProcessor('square', 999_999)).toBe(999_998_000_001);
  });
});
