import type { Run } from '@app/contracts';
import { supersedes, withNewerRuns } from '@app/domain';

/** Runs keyed by id; iteration order is newest first (by `createdAt`, then `id`). */
export type RunsById = ReadonlyMap<string, Run>;

export const NO_RUNS: RunsById = new Map();

const time = (iso: string): number => Date.parse(iso);

/** Newest first: later `createdAt` first, ties broken by the larger id so the order is stable. */
export function compareNewestFirst(a: Run, b: Run): number {
  const byCreation = time(b.createdAt) - time(a.createdAt);
  if (byCreation !== 0 && !Number.isNaN(byCreation)) {
    return byCreation;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The copy of a run to hold once `incoming` is seen (either may be missing): `incoming`, unless `held` is newer by
 * the shared version rule (`supersedes`: an equal version replaces).
 */
export function latestRun(held: Run | null | undefined, incoming: Run | null | undefined): Run | null {
  if (held === null || held === undefined) {
    return incoming ?? null;
  }
  if (incoming === null || incoming === undefined) {
    return held;
  }
  return supersedes(incoming, held) ? incoming : held;
}

/**
 * The state a `snapshot` event stands for: it replaces everything held before
 * (the server sends a fresh one on every (re)connect). Duplicate ids keep their latest version.
 */
export function applySnapshot(runs: readonly Run[]): RunsById {
  const ordered = withNewerRuns([], runs).sort(compareNewestFirst);
  return new Map(ordered.map((run) => [run.id, run]));
}

/**
 * Applies one `run` event. A known run is replaced in place when the event supersedes the copy held (events may
 * arrive late or out of order around a reconnect, and a REST answer may cross a live event, so a stale number is
 * never shown). An unknown run is inserted at its place.
 * Returns the very same map when nothing changes, so a signal holding it does not notify.
 */
export function applyRunEvent(state: RunsById, run: Run): RunsById {
  const stored = state.get(run.id);
  if (stored !== undefined) {
    if (stored === run || !supersedes(run, stored)) {
      return state;
    }
    return new Map(state).set(run.id, run);
  }
  const ordered = [...state.values()];
  const at = ordered.findIndex((other) => compareNewestFirst(run, other) < 0);
  ordered.splice(at === -1 ? ordered.length : at, 0, run);
  return new Map(ordered.map((item) => [item.id, item]));
}
