import type { RunDocument } from '@app/contracts';
import { rebasePace } from './pace';
import { canEditRun } from './run-actions';
import { fromRunDocument } from './run-document';
import type { RunState } from './run-state';

/** What Elasticsearch holds of a run's jobs: the distinct seqs stored as results and as dead letters. */
export interface StoredCounts {
  processed: number;
  failed: number;
  /** Highest seq stored either way (0 when none). */
  highestSeq: number;
}

/** The stored seqs of a run, as a rebuild restores them into its bitmaps, and what they count. */
export interface StoredSeqs {
  processedSeqs: readonly number[];
  /** Dead-lettered seqs that were not processed since. */
  failedSeqs: readonly number[];
  counts: StoredCounts;
}

/**
 * What Elasticsearch holds of a run, from the seqs stored as results and as dead letters (each ascending): a seq
 * both stored and dead-lettered was replayed successfully just before the loss, so it counts as processed.
 */
export function storedSeqsOf(resultSeqs: readonly number[], deadLetterSeqs: readonly number[]): StoredSeqs {
  const processed = new Set(resultSeqs);
  const failedSeqs = deadLetterSeqs.filter((seq) => !processed.has(seq));
  const highestSeq = Math.max(resultSeqs.at(-1) ?? 0, deadLetterSeqs.at(-1) ?? 0);
  return { processedSeqs: resultSeqs, failedSeqs, counts: { processed: resultSeqs.length, failed: failedSeqs.length, highestSeq } };
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
