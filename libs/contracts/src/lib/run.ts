export const RUN_STATUSES = ['running', 'paused', 'stopped', 'completed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Limits of SPEC.md: a field outside them is a 400 naming the field. */
export const RUN_LIMITS = {
  totalMin: 1,
  totalMax: 100_000_000,
  ratePerMinuteMin: 1,
  ratePerMinuteMax: 600_000,
} as const;

/**
 * A run id: 9 base-36 digits of its creation time (epoch ms), so ids sort by creation, then a random base-36
 * suffix. Every route that takes a run id checks it against this before the id goes anywhere near a key name.
 */
export const RUN_ID_PATTERN = /^[0-9a-z]{9}[0-9a-z]{1,55}$/;
export const isRunId = (value: string): boolean => RUN_ID_PATTERN.test(value);

/** The control actions of `POST /api/runs/:id/<action>`. */
export const RUN_ACTIONS = ['pause', 'resume', 'stop'] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

/** A run as the REST api and the live feed show it (SPEC.md, "A run as JSON"). */
export interface Run {
  id: string;
  /**
   * The run's event sequence number: grows with every change of its state (each publish, count and control
   * change) and never falls, so a client keeps the highest it has seen and a late event never shows a stale number.
   */
  version: number;
  status: RunStatus;
  total: number;
  ratePerMinute: number;
  processor: string;
  published: number;
  processed: number;
  failed: number;
  /** Published, not yet processed or failed. */
  queued: number;
  /** True while the scheduler holds back because consumers fell behind (backpressure). */
  throttled: boolean;
  /** Why the run is throttled, or null. */
  throttleReason: string | null;
  /** Why jobs of the run are waiting although it goes on (no worker can take them), or null. */
  stalledReason: string | null;
  achievedRatePerMinute: number;
  etaSeconds: number | null;
  createdAt: string;
  startedAt: string | null;
  updatedAt: string;
  finishedAt: string | null;
}

export interface RunPage {
  items: Run[];
  nextCursor: string | null;
}
