import type { SeqRange } from '@app/contracts';

/*
 * Sets of seqs as ascending, disjoint ranges of consecutive seqs (`from` and `to` included), so that a run's
 * million stored records are one range once they are all there, and a rebuild or an audit costs what the gaps cost.
 */

/** What Elasticsearch says of a run's seqs stored in one index within one histogram bucket. */
export interface SeqBucket {
  count: number;
  /** Lowest and highest seq stored in the bucket (undefined when it is empty). */
  min?: number;
  max?: number;
}

/** Which buckets hold every seq from their lowest to their highest (`whole`), and which must be read seq by seq. */
export interface BucketPlan {
  whole: SeqRange[];
  toRead: SeqRange[];
}

/**
 * Sorts buckets into whole ranges and ranges to read. A seq is stored at most once per index (under
 * `_id = runId:seq`), so a bucket whose count equals the width from its lowest to its highest seq holds all of them,
 * whatever the bucket's nominal width (the last one of a run is usually shorter).
 */
export function planBuckets(buckets: readonly SeqBucket[]): BucketPlan {
  const plan: BucketPlan = { whole: [], toRead: [] };
  for (const { count, min, max } of buckets) {
    if (count === 0 || min === undefined || max === undefined) continue;
    (count === max - min + 1 ? plan.whole : plan.toRead).push({ from: min, to: max });
  }
  return plan;
}

/** Ascending seqs as ranges of consecutive ones. */
export function rangesOfSeqs(seqs: readonly number[]): SeqRange[] {
  const ranges: SeqRange[] = [];
  for (const seq of seqs) {
    const last = ranges.at(-1);
    if (last && last.to >= seq - 1) last.to = Math.max(last.to, seq);
    else ranges.push({ from: seq, to: seq });
  }
  return ranges;
}

/** Ranges in any order, overlapping or touching, as ascending disjoint ones. */
export function mergeRanges(ranges: readonly SeqRange[]): SeqRange[] {
  const merged: SeqRange[] = [];
  for (const { from, to } of [...ranges].sort((a, b) => a.from - b.from)) {
    const last = merged.at(-1);
    if (last && last.to >= from - 1) last.to = Math.max(last.to, to);
    else merged.push({ from, to });
  }
  return merged;
}

/** How many seqs the ranges hold. */
export function rangesSize(ranges: readonly SeqRange[]): number {
  return ranges.reduce((size, { from, to }) => size + to - from + 1, 0);
}

/** The seqs in both (each ascending and disjoint). */
export function intersectRanges(a: readonly SeqRange[], b: readonly SeqRange[]): SeqRange[] {
  const both: SeqRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i].from, b[j].from);
    const to = Math.min(a[i].to, b[j].to);
    if (from <= to) both.push({ from, to });
    if (a[i].to < b[j].to) i++;
    else j++;
  }
  return both;
}

/** The seqs of `a` not in `b` (each ascending and disjoint). */
export function subtractRanges(a: readonly SeqRange[], b: readonly SeqRange[]): SeqRange[] {
  const rest: SeqRange[] = [];
  let j = 0;
  for (const range of a) {
    let from = range.from;
    while (j < b.length && b[j].to < from) j++;
    for (let k = j; k < b.length && b[k].from <= range.to; k++) {
      if (b[k].from > from) rest.push({ from, to: b[k].from - 1 });
      from = Math.max(from, b[k].to + 1);
    }
    if (from <= range.to) rest.push({ from, to: range.to });
  }
  return rest;
}
