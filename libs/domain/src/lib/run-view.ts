import type { Run, RunStatus } from '@app/contracts';
import type { RunState } from './run-state';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The run as clients see it, with the derived `queued`, achieved rate and ETA. */
export function toRunView(state: RunState, achievedRatePerMinute: number): Run {
  const remaining = state.total - state.processed - state.failed;
  return {
    id: state.id,
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
    achievedRatePerMinute,
    etaSeconds: etaSeconds(state.status, remaining, state.pace.ratePerMinute),
    createdAt: iso(state.createdAt) as string,
    startedAt: iso(state.startedAt),
    updatedAt: iso(state.updatedAt) as string,
    finishedAt: iso(state.finishedAt),
  };
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

/** Records per minute over the last whole seconds, from per-second processed counts. */
export function achievedRatePerMinute(perSecondCounts: readonly number[]): number {
  if (perSecondCounts.length === 0) return 0;
  const sum = perSecondCounts.reduce((a, b) => a + b, 0);
  return Math.round((sum * 60) / perSecondCounts.length);
}
