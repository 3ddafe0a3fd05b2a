import { formatRunId } from './run-id';

describe('formatRunId', () => {
  it('sorts by creation time', () => {
    const ids = [formatRunId(1_000, 'zzzz'), formatRunId(999_999_999_999, 'aaaa'), formatRunId(1_800_000_000_000, '0000')];
    expect([...ids].sort()).toEqual(ids);
  });
});
