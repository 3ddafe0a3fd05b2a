import type { RunProgress, RunStatus } from './run';

/**
 * One second of a run, as the leading scheduler samples every active run once a second into the
 * `runHistory` index (`_id` = `runId:epochSecond`, so a sample written twice is one sample). `throttleReason` is
 * null in samples older than that field.
 */
export interface RunSample extends RunProgress {
  runId: string;
  /** ISO time of the second sampled. */
  at: string;
  status: RunStatus;
  targetRatePerMinute: number;
  achievedRatePerMinute: number;
}

export const RUN_HISTORY_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    runId: { type: 'keyword' },
    at: { type: 'date' },
    status: { type: 'keyword' },
    targetRatePerMinute: { type: 'double' },
    achievedRatePerMinute: { type: 'double' },
    published: { type: 'long' },
    processed: { type: 'long' },
    failed: { type: 'long' },
    queued: { type: 'long' },
    throttled: { type: 'boolean' },
    throttleReason: { type: 'text' },
  },
} as const;

export const RUN_MARK_KINDS = ['rate-changed', 'paused', 'resumed', 'throttled', 'released', 'stopped', 'completed'] as const;
export type RunMarkKind = (typeof RUN_MARK_KINDS)[number];

/** A moment worth marking on the rate-history chart, read off consecutive samples. */
export interface RunMark {
  at: string;
  kind: RunMarkKind;
  /** What changed, for the chart's tooltip: "6,000/min -> 30,000/min". */
  detail: string;
}

/** `GET /api/runs/:id/history`: the run's samples, oldest first, and the marks between them. */
export interface RunHistory {
  runId: string;
  samples: RunSample[];
  marks: RunMark[];
}
