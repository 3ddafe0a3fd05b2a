import { auditSeqs, seqsIn } from './seq-audit';
import { rangesOfSeqs } from './seq-ranges';

/** The audit of seqs given one by one, as ranges. */
const audit = (published: number, results: number[], deadLetters: number[]) =>
  auditSeqs(published, rangesOfSeqs(results), rangesOfSeqs(deadLetters));

describe('auditSeqs', () => {
  it('is clean when every published seq is a result or a dead letter', () => {
    expect(audit(5, [1, 2, 4], [3, 5])).toEqual({ missing: [], missingCount: 0, duplicates: [], duplicateCount: 0 });
  });

  it('reports missing seqs as ranges', () => {
    expect(audit(10, [1, 2, 6, 7], [3])).toMatchObject({
      missing: [
        { from: 4, to: 5 },
        { from: 8, to: 10 },
      ],
      missingCount: 5,
    });
  });

  it('reports seqs that are both a result and a dead letter', () => {
    expect(audit(4, [1, 2, 3, 4], [2, 3])).toMatchObject({ duplicates: [{ from: 2, to: 3 }], duplicateCount: 2 });
  });

  it('ignores stored seqs beyond what was published', () => {
    expect(audit(2, [1, 2, 3], [])).toMatchObject({ missingCount: 0, duplicateCount: 0 });
  });

  it('reports a run with nothing stored as missing whole, and one with nothing published as clean', () => {
    expect(audit(1_000_000, [], [])).toMatchObject({ missing: [{ from: 1, to: 1_000_000 }], missingCount: 1_000_000 });
    expect(audit(0, [], [])).toEqual({ missing: [], missingCount: 0, duplicates: [], duplicateCount: 0 });
  });

  it('lists the seqs of ranges', () => {
    expect(
      seqsIn([
        { from: 4, to: 5 },
        { from: 9, to: 9 },
      ]),
    ).toEqual([4, 5, 9]);
  });
});
