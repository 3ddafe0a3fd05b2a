import type { SeqRange } from '@app/contracts';
import { intersectRanges, mergeRanges, rangesSize, subtractRanges } from './seq-ranges';

export interface SeqAudit {
  missing: SeqRange[];
  missingCount: number;
  duplicates: SeqRange[];
  duplicateCount: number;
}

/**
 * Compares seqs 1..published with the seqs stored as results and as dead letters (each as ascending, disjoint
 * ranges, as Elasticsearch's unique ids make them): which published seqs have neither, and which have both.
 */
export function auditSeqs(published: number, results: readonly SeqRange[], deadLetters: readonly SeqRange[]): SeqAudit {
  const publishedSeqs = published > 0 ? [{ from: 1, to: published }] : [];
  const missing = subtractRanges(publishedSeqs, mergeRanges([...results, ...deadLetters]));
  const duplicates = intersectRanges(intersectRanges(results, deadLetters), publishedSeqs);
  return { missing, missingCount: rangesSize(missing), duplicates, duplicateCount: rangesSize(duplicates) };
}

/** Every seq in the given ranges, in order. */
export function seqsIn(ranges: readonly SeqRange[]): number[] {
  return ranges.flatMap(({ from, to }) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}
