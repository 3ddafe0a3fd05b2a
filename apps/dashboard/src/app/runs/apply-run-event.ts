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

/** True when `incoming` may replace `stored`: it is not older (an equal `updatedAt` wins, the server re-sent it). */
export function isNotOlder(incoming: Run, stored: Run): boolean {
  return !(time(incoming.updatedAt) < time(stored.updatedAt));
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
 * Applies one `run` event. A known run is replaced in place unless the event is older than what is
 * held (events may arrive out of order around a reconnect); an unknown run is inserted at its place.
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
