import type { RunDocument, SeqRange } from '@app/contracts';
import { rebasePace } from './pace';
import { canEditRun } from './run-actions';
import { fromRunDocument } from './run-document';
import type { RunState } from './run-state';
import { rangesSize, subtractRanges } from './seq-ranges';

/** What Elasticsearch holds of a run's jobs: the distinct seqs stored as results and as dead letters. */
export interface StoredCounts {
  processed: number;
  failed: number;
  /** Highest seq stored either way (0 when none). */
  highestSeq: number;
}

/** The stored seqs of a run, as ranges, as a rebuild restores them into its bitmaps, and what they count. */
export interface StoredSeqs {
  processed: readonly SeqRange[];
  /** Dead-lettered seqs that were not processed since. */
  failed: readonly SeqRange[];
  counts: StoredCounts;
}

/**
 * What Elasticsearch holds of a run, from the seqs stored as results and as dead letters (each as ascending,
 * disjoint ranges): a seq both stored and dead-lettered was replayed successfully just before the loss, so it counts
 * as processed.
 */
export function storedSeqsOf(results: readonly SeqRange[], deadLetters: readonly SeqRange[]): StoredSeqs {
  const failed = subtractRanges(deadLetters, results);
  const highestSeq = Math.max(results.at(-1)?.to ?? 0, deadLetters.at(-1)?.to ?? 0);
  return { processed: results, failed, counts: { processed: rangesSize(results), failed: rangesSize(failed), highestSeq } };
}

/**
 * A run's hot state rebuilt from its durable record and the jobs stored for it, after Redis lost its data.
 * Counters come from what is stored (the truth), `published` never below any stored seq, and the schedule
 * goes on from what was published at the target rate: seqs published after the last archive but not stored
 * are published again (and counted once), none is skipped, and the outage causes no burst.
 */
export function restoreRun(record: RunDocument, stored: StoredCounts, now: number): RunState {
  const archived = fromRunDocument(record);
  const published = Math.min(archived.total, Math.max(archived.published, stored.highestSeq));
  const done = stored.processed + stored.failed >= archived.total;
  const completesNow = canEditRun(archived.status) && done;
  return {
    ...archived,
    status: completesNow ? 'completed' : archived.status,
    pace: rebasePace(archived.pace, published, now),
    reserved: published,
    published,
    processed: stored.processed,
    failed: stored.failed,
    throttleReason: null,
    revision: archived.revision + 1,
    updatedAt: now,
    finishedAt: completesNow ? now : archived.finishedAt,
  };
}
