import { intersectRanges, mergeRanges, planBuckets, rangesOfSeqs, rangesSize, subtractRanges } from './seq-ranges';

const r = (from: number, to: number) => ({ from, to });

describe('planBuckets', () => {
  it('takes a bucket whose count fills it from its lowest to its highest seq as whole, and reads the others', () => {
    expect(
      planBuckets([
        { count: 1_000, min: 1, max: 1_000 },
        { count: 998, min: 1_001, max: 2_000 },
        { count: 0 },
        { count: 1, min: 3_500, max: 3_500 },
      ]),
    ).toEqual({ whole: [r(1, 1_000), r(3_500, 3_500)], toRead: [r(1_001, 2_000)] });
  });

  it('has nothing for an empty run', () => {
    expect(planBuckets([])).toEqual({ whole: [], toRead: [] });
    expect(planBuckets([{ count: 0 }])).toEqual({ whole: [], toRead: [] });
  });

  it('takes a last bucket shorter than the width as whole when it is full', () => {
    expect(
      planBuckets([
        { count: 4_096, min: 1, max: 4_096 },
        { count: 3, min: 4_097, max: 4_099 },
      ]).whole,
    ).toEqual([r(1, 4_096), r(4_097, 4_099)]);
  });

  it('reads a bucket with gaps at its start or its end, which its lowest and highest seq do not show', () => {
    // Seqs 2..1000 of a bucket 1..1000: whole from its lowest stored seq; 999 seqs from 1 to 1000: a gap inside, read.
    expect(planBuckets([{ count: 999, min: 2, max: 1_000 }]).whole).toEqual([r(2, 1_000)]);
    expect(planBuckets([{ count: 999, min: 1, max: 1_000 }]).toRead).toEqual([r(1, 1_000)]);
  });

  it('takes seqs beyond the run total as they are stored', () => {
    expect(planBuckets([{ count: 5, min: 101, max: 105 }]).whole).toEqual([r(101, 105)]);
  });
});

describe('rangesOfSeqs', () => {
  it('joins consecutive seqs', () => {
    expect(rangesOfSeqs([1, 2, 3, 5, 7, 8])).toEqual([r(1, 3), r(5, 5), r(7, 8)]);
    expect(rangesOfSeqs([42])).toEqual([r(42, 42)]);
    expect(rangesOfSeqs([])).toEqual([]);
  });
});

describe('mergeRanges', () => {
  it('sorts, joins touching and overlapping ranges', () => {
    expect(mergeRanges([r(10, 12), r(1, 3), r(4, 6), r(11, 20), r(30, 30)])).toEqual([r(1, 6), r(10, 20), r(30, 30)]);
    expect(mergeRanges([])).toEqual([]);
  });
});

describe('rangesSize', () => {
  it('counts the seqs', () => {
    expect(rangesSize([r(1, 1_000_000), r(1_000_002, 1_000_002)])).toBe(1_000_001);
    expect(rangesSize([])).toBe(0);
  });
});

describe('intersectRanges', () => {
  it('keeps the seqs in both', () => {
    expect(intersectRanges([r(1, 10), r(20, 30)], [r(5, 22), r(25, 25), r(30, 40)])).toEqual([r(5, 10), r(20, 22), r(25, 25), r(30, 30)]);
    expect(intersectRanges([r(1, 10)], [])).toEqual([]);
    expect(intersectRanges([r(1, 3)], [r(4, 6)])).toEqual([]);
  });
});

describe('subtractRanges', () => {
  it('removes the seqs of the second from the first, at the start, inside and at the end', () => {
    expect(subtractRanges([r(1, 100)], [r(1, 1), r(50, 52), r(100, 120)])).toEqual([r(2, 49), r(53, 99)]);
    expect(subtractRanges([r(1, 5), r(10, 15)], [r(4, 11)])).toEqual([r(1, 3), r(12, 15)]);
  });

  it('keeps everything when nothing is removed, and nothing when all is', () => {
    expect(subtractRanges([r(3, 7)], [])).toEqual([r(3, 7)]);
    expect(subtractRanges([r(3, 7)], [r(1, 10)])).toEqual([]);
    expect(subtractRanges([], [r(1, 10)])).toEqual([]);
  });
});
