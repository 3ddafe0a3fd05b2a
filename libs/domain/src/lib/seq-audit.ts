import type { SeqRange } from '@app/contracts';

export interface SeqAudit {
  missing: SeqRange[];
  missingCount: number;
  duplicates: SeqRange[];
  duplicateCount: number;
}

/**
 * Compares seqs 1..published with the seqs stored as results and as dead letters (each sorted ascending,
 * distinct, as Elasticsearch's unique ids make them): which published seqs have neither, and which have both.
 */
export function auditSeqs(published: number, results: readonly number[], deadLetters: readonly number[]): SeqAudit {
  const missing = new RangeBuilder();
  const duplicates = new RangeBuilder();
  let r = 0;
  let d = 0;
  for (let seq = 1; seq <= published; seq++) {
    while (r < results.length && results[r] < seq) r++;
    while (d < deadLetters.length && deadLetters[d] < seq) d++;
    const isResult = results[r] === seq;
    const isDeadLetter = deadLetters[d] === seq;
    if (!isResult && !isDeadLetter) missing.add(seq);
    if (isResult && isDeadLetter) duplicates.add(seq);
  }
  return { missing: missing.ranges, missingCount: missing.count, duplicates: duplicates.ranges, duplicateCount: duplicates.count };
}

/** Every seq in the given ranges, in order. */
export function seqsIn(ranges: readonly SeqRange[]): number[] {
  return ranges.flatMap(({ from, to }) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** Collects ascending seqs into ranges of consecutive ones. */
class RangeBuilder {
  readonly ranges: SeqRange[] = [];
  count = 0;

  add(seq: number): void {
    this.count++;
    const last = this.ranges.at(-1);
    if (last && last.to === seq - 1) last.to = seq;
    else this.ranges.push({ from: seq, to: seq });
  }
}
