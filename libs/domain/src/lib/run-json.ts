import type { Run, RunProgress, WorkerStatus } from '@app/contracts';
import { etaSeconds, remainingCount } from './run-rates';
import type { RunState } from './run-state';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The run's event sequence number. Every change raises it: the revision with each control change, published with
 * each publish, processed and failed with each count. Processed weighs twice because a replayed dead letter that
 * succeeds moves from failed to processed (failed - 1, processed + 1) with no other change, and must still raise it.
 */
export const runVersion = (state: RunState): number => state.revision + state.published + 2 * state.processed + state.failed;

/** The run as JSON (`Run`), with the derived `queued`, achieved rate, ETA, and why it stalls if it does. */
export function toRunJson(state: RunState, achievedRatePerMinute: number, workers: readonly WorkerStatus[]): Run {
  return {
    id: state.id,
    version: runVersion(state),
    status: state.status,
    total: state.total,
    ratePerMinute: state.pace.ratePerMinute,
    processor: state.processor,
    datasetId: state.datasetId,
    target: state.target,
    rounds: state.rounds,
    notify: state.notify,
    ...runProgress(state),
    stalledReason: stalledReason(state, workers),
    achievedRatePerMinute,
    etaSeconds: etaSeconds(state.status, remainingCount(state), state.pace.ratePerMinute),
    createdAt: iso(state.createdAt) as string,
    startedAt: iso(state.startedAt),
    updatedAt: iso(state.updatedAt) as string,
    finishedAt: iso(state.finishedAt),
  };
}

/** Why a run with jobs to process makes no progress: no live worker, or none able to store results. */
export function stalledReason(state: RunState, workers: readonly WorkerStatus[]): string | null {
  const waiting = state.status === 'running' || state.status === 'paused' || queuedCount(state) > 0;
  if (!waiting || remainingCount(state) <= 0) return null;
  if (workers.length === 0) return 'no worker is running: jobs wait in the queue';
  if (workers.every((worker) => !worker.storageAvailable))
    return 'Elasticsearch is unavailable: workers take no jobs until it answers again';
  return null;
}

/** The run's counters, its queue and whether it is held back, as a run as JSON and a history sample show them. */
export function runProgress(state: RunState): RunProgress {
  return {
    published: state.published,
    processed: state.processed,
    failed: state.failed,
    queued: queuedCount(state),
    throttled: state.throttleReason !== null,
    throttleReason: state.throttleReason,
  };
}

/** Published, not yet processed or failed. */
export function queuedCount(state: Pick<RunState, 'published' | 'processed' | 'failed'>): number {
  return Math.max(0, state.published - state.processed - state.failed);
}

/**
 * Whether a run has reached its final state: completed, or stopped with nothing left in its queue (a stopped run's
 * published jobs are still processed and counted). Its history ends there (the scheduler samples it until then, and
 * the dashboard reads it again until then), and its completion callback goes. Takes a `RunState` or a `Run`.
 */
export function runEnded(state: Pick<RunState, 'status' | 'published' | 'processed' | 'failed'>): boolean {
  return state.status === 'completed' || (state.status === 'stopped' && queuedCount(state) === 0);
}
