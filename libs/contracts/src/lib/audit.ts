/** A range of seqs, both ends included. */
export interface SeqRange {
  from: number;
  to: number;
}

/** `GET /api/runs/:id/audit`: what was published against what reached Elasticsearch as results and dead letters. */
export interface RunAudit {
  runId: string;
  published: number;
  /** Distinct seqs stored as results. */
  stored: number;
  /** Distinct seqs stored as dead letters. */
  deadLetters: number;
  /** Published seqs with neither a result nor a dead letter (in flight while the run goes on; none once it is done). */
  missing: SeqRange[];
  missingCount: number;
  /** Seqs that are both a result and a dead letter (there should be none). */
  duplicates: SeqRange[];
  duplicateCount: number;
  /** Whether the run's counters agree with what is stored: processed == stored and failed == dead letters. */
  countersMatch: boolean;
  clean: boolean;
  checkedAt: string;
}

/** `POST /api/runs/:id/audit/repair`: how many missing seqs were published again. */
export interface RepairResult {
  republished: number;
}
