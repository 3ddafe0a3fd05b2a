import type { Run, RunStatus, WorkerStatus } from '@app/contracts';
import type { RunState } from './run-state';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The run as clients see it, with the derived `queued`, achieved rate, ETA, and why it stalls if it does. */
export function toRunView(state: RunState, achievedRatePerMinute: number, workers: readonly WorkerStatus[]): Run {
  const remaining = state.total - state.processed - state.failed;
  return {
    id: state.id,
    // Every change raises it: the revision with each control change, published with each publish, processed and
    // failed with each count. Processed weighs twice because a replayed dead letter that succeeds moves from
    // failed to processed (failed - 1, processed + 1) with no other change, and must still raise it.
    version: state.revision + state.published + 2 * state.processed + state.failed,
    status: state.status,
    total: state.total,
    ratePerMinute: state.pace.ratePerMinute,
    processor: state.processor,
    published: state.published,
    processed: state.processed,
    failed: state.failed,
    queued: queuedCount(state),
    throttled: state.throttleReason !== null,
    throttleReason: state.throttleReason,
    stalledReason: stalledReason(state, workers),
    achievedRatePerMinute,
    etaSeconds: etaSeconds(state.status, remaining, state.pace.ratePerMinute),
    createdAt: iso(state.createdAt) as string,
    startedAt: iso(state.startedAt),
    updatedAt: iso(state.updatedAt) as string,
    finishedAt: iso(state.finishedAt),
  };
}

/**
 * `runs` with each of `newer` that has a higher version put in its place, and those it lacks added: what a
 * client should hold after having seen both, whichever it saw first.
 */
export function withNewerRuns(runs: readonly Run[], newer: Iterable<Run>): Run[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  for (const run of newer) {
    const held = byId.get(run.id);
    if (!held || run.version > held.version) byId.set(run.id, run);
  }
  return [...byId.values()];
}

/** Why a run with jobs to process makes no progress: no live worker, or none able to store results. */
export function stalledReason(state: RunState, workers: readonly WorkerStatus[]): string | null {
  const waiting = state.status === 'running' || state.status === 'paused' || queuedCount(state) > 0;
  if (!waiting || state.processed + state.failed >= state.total) return null;
  if (workers.length === 0) return 'no worker is running: jobs wait in the queue';
  if (workers.every((worker) => !worker.storageAvailable))
    return 'Elasticsearch is unavailable: workers take no jobs until it answers again';
  return null;
}

/** Published, not yet processed or failed. */
export function queuedCount(state: RunState): number {
  return Math.max(0, state.published - state.processed - state.failed);
}

function etaSeconds(status: RunStatus, remaining: number, ratePerMinute: number): number | null {
  if (status === 'completed') return 0;
  if (status !== 'running') return null;
  return Math.ceil((remaining * 60) / ratePerMinute);
}

/** Seconds over which `achievedRatePerMinute` is measured, by the api's run views and the scheduler's rate history alike. */
export const ACHIEVED_RATE_WINDOW_SECONDS = 10;

/**
 * Records per minute over the whole seconds before `nowMs` that `perSecondCounts` covers (the last one ends at the
 * start of `nowMs`'s second), counting only the time since the run started: a run 4 s old is measured over 4 s,
 * not diluted over the full window.
 */
export function achievedRatePerMinute(perSecondCounts: readonly number[], startedAtMs: number | null, nowMs: number): number {
  const windowEnd = Math.floor(nowMs / 1000);
  const windowStart = Math.max(windowEnd - perSecondCounts.length, (startedAtMs ?? nowMs) / 1000);
  const seconds = windowEnd - windowStart;
  if (seconds <= 0) return 0;
  const sum = perSecondCounts.reduce((a, b) => a + b, 0);
  return Math.round((sum * 60) / seconds);
}
