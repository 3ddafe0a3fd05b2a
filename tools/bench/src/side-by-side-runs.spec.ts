import { splitTotal } from './side-by-side-runs';

describe('splitTotal', () => {
  it('splits records over runs as evenly as whole records allow, the first runs taking the remainder', () => {
    expect(splitTotal(100_000, 3)).toEqual([33_334, 33_333, 33_333]);
    expect(splitTotal(11, 4)).toEqual([3, 3, 3, 2]);
  });

  it('keeps every record: the parts add up to the total', () => {
    expect(splitTotal(1_000_003, 7).reduce((sum, part) => sum + part, 0)).toBe(1_000_003);
  });

  it('gives one run everything', () => {
    expect(splitTotal(100_000, 1)).toEqual([100_000]);
  });
});
