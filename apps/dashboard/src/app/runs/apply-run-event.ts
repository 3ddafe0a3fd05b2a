import type { Run } from '@app/contracts';

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
 * True when `incoming` may replace `stored`: its `version` (the run's event sequence number, which only grows)
 * is not lower. An equal version wins: the counters are the same, but the rate and ETA it carries are fresher.
 */
export function isNotOlder(incoming: Run, stored: Run): boolean {
  return !(incoming.version < stored.version);
}

/** The newer of two versions of a run (either may be missing); `a` when they are the same version. */
export function newerRun(a: Run | null | undefined, b: Run | null | undefined): Run | null {
  if (a === null || a === undefined) {
    return b ?? null;
  }
  if (b === null || b === undefined) {
    return a;
  }
  return b.version > a.version ? b : a;
}

/**
 * The state a `snapshot` event stands for: it replaces everything held before
 * (the server sends a fresh one on every (re)connect). Duplicate ids keep their latest version.
 */
export function applySnapshot(runs: readonly Run[]): RunsById {
  const latest = new Map<string, Run>();
  for (const run of runs) {
    const stored = latest.get(run.id);
    if (stored === undefined || isNotOlder(run, stored)) {
      latest.set(run.id, run);
    }
  }
  const ordered = [...latest.values()].sort(compareNewestFirst);
  return new Map(ordered.map((run) => [run.id, run]));
}

/**
 * Applies one `run` event. A known run is replaced in place unless the event's version is lower than the
 * one held (events may arrive late or out of order around a reconnect, and a REST answer may cross a live
 * event): a stale number is never shown. An unknown run is inserted at its place.
 * Returns the very same map when nothing changes, so a signal holding it does not notify.
 */
export function applyRunEvent(state: RunsById, run: Run): RunsById {
  const stored = state.get(run.id);
  if (stored !== undefined) {
    if (stored === run || !isNotOlder(run, stored)) {
      return state;
    }
    return new Map(state).set(run.id, run);
  }
  const ordered = [...state.values()];
  const at = ordered.findIndex((other) => compareNewestFirst(run, other) < 0);
  ordered.splice(at === -1 ? ordered.length : at, 0, run);
  return new Map(ordered.map((item) => [item.id, item]));
}
