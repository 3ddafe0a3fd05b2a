import type { RunDocument } from '@app/contracts';
import { rebasePace } from './pace';
import type { RunState } from './run-state';

/** What Elasticsearch holds of a run's jobs: the distinct seqs stored as results and as dead letters. */
export interface StoredCounts {
  processed: number;
  failed: number;
  /** Highest seq stored either way (0 when none). */
  highestSeq: number;
}

/**
 * A run's hot state rebuilt from its durable record and the jobs stored for it, after Redis lost its data.
 * Counters come from what is stored (the truth), `published` never below any stored seq, and the schedule
 * goes on from what was published at the target rate: seqs published after the last archive but not stored
 * are published again (and counted once), none is skipped, and the outage causes no burst.
 */
export function restoreRun(record: RunDocument, stored: StoredCounts, now: number): RunState {
  const published = Math.min(record.total, Math.max(record.published, stored.highestSeq));
  const pace = { ratePerMinute: record.ratePerMinute, accrued: record.paceAccrued, since: record.paceSince };
  const done = stored.processed + stored.failed >= record.total;
  const active = record.status === 'running' || record.status === 'paused';
  return {
    id: record.id,
    status: active && done ? 'completed' : record.status,
    total: record.total,
    processor: record.processor,
    pace: rebasePace(pace, published, now),
    reserved: published,
    published,
    processed: stored.processed,
    failed: stored.failed,
    throttleReason: null,
    revision: record.revision + 1,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    updatedAt: now,
    finishedAt: active && done ? now : record.finishedAt,
  };
}
