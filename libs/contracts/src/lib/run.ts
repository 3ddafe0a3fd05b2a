import type { HttpTarget } from './processors';

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

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The completion callback of a run (`notify`): where the final run JSON goes, and how delivering it went. `pending`
 * until the run ends (completed, or stopped and drained) and the callback is answered with a 2xx; `failed` once the
 * attempts are spent. Times are epoch milliseconds.
 */
export interface RunNotification {
  url: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: number | null;
}

/**
 * The `webhook-id` and `Idempotency-Key` of a run's completion callback: the same on every attempt, so a receiver
 * drops a repeat (one sent again after a crash between the POST and its record).
 */
export const notificationId = (runId: string): string => `${runId}:notify`;

/** How far a run has got: in a run as JSON and in each second of its rate history. */
export interface RunProgress {
  published: number;
  processed: number;
  failed: number;
  /** Published, not yet processed or failed. */
  queued: number;
  /** True while the scheduler holds back because consumers fell behind (backpressure). */
  throttled: boolean;
  /** Why the run is throttled, or null. */
  throttleReason: string | null;
}

/** A run as the REST api and the live feed show it (SPEC.md, "A run as JSON"): its definition, progress and rates. */
export interface Run extends RunProgress {
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
  /** The dataset whose records the run processes; null for generated records. */
  datasetId: string | null;
  /** Where an `http` run delivers (no secret); null for other processors. */
  target: HttpTarget | null;
  /** SHA-256 rounds of a `hash` run; null for other processors. */
  rounds: number | null;
  notify: RunNotification | null;
  /** Why jobs of the run are waiting although it goes on (no worker can take them), or null. */
  stalledReason: string | null;
  achievedRatePerMinute: number;
  etaSeconds: number | null;
  createdAt: string;
  startedAt: string | null;
  updatedAt: string;
  finishedAt: string | null;
}

/**
 * `POST /api/runs`'s answer: the run and, for an `http` run or one with `notify`, the signing secret of its deliveries
 * and callback, shown this once.
 */
export interface CreatedRun extends Run {
  secret?: string;
}

export interface RunPage {
  items: Run[];
  nextCursor: string | null;
}
