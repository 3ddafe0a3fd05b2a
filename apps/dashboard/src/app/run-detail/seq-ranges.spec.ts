import { formatSeqRanges } from './seq-ranges';

const count = new Intl.NumberFormat('en-US');

describe('formatSeqRanges', () => {
  it('lists ranges and single seqs', () => {
    expect(
      formatSeqRanges(
        [
          { from: 1, to: 5 },
          { from: 9, to: 9 },
          { from: 1200, to: 2000 },
        ],
        count,
      ),
    ).toBe('1–5, 9, 1,200–2,000');
  });

  it('counts the ranges past the limit', () => {
    const ranges = Array.from({ length: 5 }, (_, index) => ({ from: index * 10, to: index * 10 }));
    expect(formatSeqRanges(ranges, count, 3)).toBe('0, 10, 20 and 2 more ranges');
    expect(formatSeqRanges(ranges, count, 4)).toBe('0, 10, 20, 30 and 1 more range');
  });

  it('says none for no range', () => {
    expect(formatSeqRanges([], count)).toBe('none');
  });
});
