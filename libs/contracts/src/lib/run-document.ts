import type { HttpTarget, ProcessorName } from './processors';
import type { RunNotification, RunStatus } from './run';

/**
 * The durable record of a run in the `runs` index, `_id` = run id: its definition, schedule and counters
 * as last archived (times in epoch milliseconds), so that history and recovery never depend on Redis.
 */
export interface RunDocument {
  id: string;
  status: RunStatus;
  total: number;
  processor: ProcessorName;
  /** The dataset whose records the run processes (record `seq` is the dataset's), or null for generated records. */
  datasetId: string | null;
  target: HttpTarget | null;
  /** The signing secret (`whsec_…`) of an `http` run's deliveries and of any run's `notify` callback: stored, never indexed, never shown after the 201. */
  secret: string | null;
  rounds: number | null;
  notify: RunNotification | null;
  /** The schedule (`Pace` in the domain): records accrue at the rate from `paceSince` on, on top of `paceAccrued`. */
  ratePerMinute: number;
  paceAccrued: number;
  /** Null while the clock is stopped (paused, stopped). */
  paceSince: number | null;
  /** Highest seq a scheduler has claimed for publishing; `published` catches up once the broker confirms. */
  reserved: number;
  published: number;
  processed: number;
  failed: number;
  /** Why the scheduler is holding back, or null while it keeps pace. */
  throttleReason: string | null;
  /** Bumped by every change of definition, schedule or status (compare-and-set). */
  revision: number;
  createdAt: number;
  startedAt: number | null;
  updatedAt: number;
  finishedAt: number | null;
}

export const RUNS_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    status: { type: 'keyword' },
    total: { type: 'long' },
    processor: { type: 'keyword' },
    datasetId: { type: 'keyword' },
    target: {
      properties: {
        url: { type: 'keyword' },
        method: { type: 'keyword' },
        headers: { type: 'object', enabled: false },
        timeoutMs: { type: 'integer' },
        concurrency: { type: 'integer' },
      },
    },
    secret: { type: 'keyword', index: false, doc_values: false },
    rounds: { type: 'integer' },
    notify: {
      properties: {
        url: { type: 'keyword' },
        status: { type: 'keyword' },
        attempts: { type: 'integer' },
        lastError: { type: 'text' },
        deliveredAt: { type: 'date', format: 'epoch_millis' },
      },
    },
    ratePerMinute: { type: 'double' },
    paceAccrued: { type: 'double' },
    paceSince: { type: 'date', format: 'epoch_millis' },
    reserved: { type: 'long' },
    published: { type: 'long' },
    processed: { type: 'long' },
    failed: { type: 'long' },
    throttleReason: { type: 'text' },
    revision: { type: 'long' },
    createdAt: { type: 'date', format: 'epoch_millis' },
    startedAt: { type: 'date', format: 'epoch_millis' },
    updatedAt: { type: 'date', format: 'epoch_millis' },
    finishedAt: { type: 'date', format: 'epoch_millis' },
  },
} as const;
