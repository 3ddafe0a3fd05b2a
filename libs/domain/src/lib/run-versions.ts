import type { Run } from '@app/contracts';

/**
 * The one rule for two copies of a run (live events, snapshots, REST answers, in whatever order they arrive):
 * `incoming` replaces `held` unless its version is lower. An equal version carries the same counters with a
 * fresher rate and ETA, so it replaces too.
 */
export const supersedes = (incoming: Run, held: Run): boolean => incoming.version >= held.version;

/**
 * `runs` with each of `newer` that supersedes the copy held put in its place, and those it lacks added: what a
 * client should hold after having seen both, whichever it saw first.
 */
export function withNewerRuns(runs: readonly Run[], newer: Iterable<Run>): Run[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  for (const run of newer) {
    const held = byId.get(run.id);
    if (!held || supersedes(run, held)) byId.set(run.id, run);
  }
  return [...byId.values()];
}
