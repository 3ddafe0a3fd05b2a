import { changeRate, coverClaimed, pausePace, rebasePace, resumePace, startPace } from './pace';
import { allowsAction, canEditRun } from './run-actions';
import { remainingCount } from './run-rates';
import type { RunDefinition } from './run-definition';
import type { RunState } from './run-state';

/** The result of asking a run to change: its next state, or why it cannot (an HTTP 409). */
export type RunTransition = { ok: true; state: RunState } | { ok: false; conflict: string };

/** A new run: its X and Y, and what it does with each record (generated records squared when only the processor is given). */
export interface NewRun extends Partial<Omit<RunDefinition, 'processor'>> {
  processor: RunDefinition['processor'];
  id: string;
  total: number;
  ratePerMinute: number;
  /** An `http` run's signing secret. */
  secret?: string | null;
}

export interface RunUpdate {
  total?: number;
  ratePerMinute?: number;
}

export function newRun({ id, total, ratePerMinute, processor, ...definition }: NewRun, now: number): RunState {
  return {
    id,
    status: 'running',
    total,
    processor,
    datasetId: definition.datasetId ?? null,
    target: definition.target ?? null,
    secret: definition.secret ?? null,
    rounds: definition.rounds ?? null,
    notify: definition.notify ?? null,
    pace: startPace(ratePerMinute, now),
    reserved: 0,
    published: 0,
    processed: 0,
    failed: 0,
    throttleReason: null,
    revision: 0,
    createdAt: now,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
}

const ok = (state: RunState): RunTransition => ({ ok: true, state });
const conflict = (message: string): RunTransition => ({ ok: false, conflict: message });

/** Stops the clock. A run held back by backpressure is released too, its schedule going on from what was published. */
export function pauseRun(run: RunState, now: number): RunTransition {
  if (!allowsAction(run.status, 'pause')) return conflict(`run ${run.id} is ${run.status}, only a running run can be paused`);
  const released = run.throttleReason === null ? run : releaseHold(run, now);
  return ok({ ...released, status: 'paused', pace: coverClaimed(pausePace(released.pace, now), claimedCount(released)), updatedAt: now });
}

export function resumeRun(run: RunState, now: number): RunTransition {
  if (!allowsAction(run.status, 'resume')) return conflict(`run ${run.id} is ${run.status}, only a paused run can be resumed`);
  return ok({ ...run, status: 'running', pace: resumePace(run.pace, now), updatedAt: now });
}

/** Ends publishing at once; what was published is still processed and counted. */
export function stopRun(run: RunState, now: number): RunTransition {
  if (!allowsAction(run.status, 'stop')) return conflict(`run ${run.id} is already ${run.status}`);
  return ok({ ...run, status: 'stopped', pace: pausePace(run.pace, now), throttleReason: null, updatedAt: now, finishedAt: now });
}

/** The records claimed for publishing so far, which `total` may not go below. */
export const claimedCount = (run: RunState): number => Math.max(run.published, run.reserved);

/** Changes X and/or Y of a running or paused run, effective from `now` (or from the last claim, if a scheduler's clock read later). */
export function updateRun(run: RunState, update: RunUpdate, now: number): RunTransition {
  if (!canEditRun(run.status)) return conflict(`run ${run.id} is ${run.status} and can no longer be changed`);
  const total = update.total ?? run.total;
  const claimed = claimedCount(run);
  if (total < claimed) return conflict(`total cannot be lower than the ${claimed} records already published`);
  const pace = update.ratePerMinute === undefined ? run.pace : coverClaimed(changeRate(run.pace, update.ratePerMinute, now), claimed);
  return ok(completeIfDone({ ...run, total, pace, updatedAt: now }, now));
}

/** Backpressure: the scheduler holds the run back and says why. */
export function holdBack(run: RunState, reason: string, now: number): RunState {
  return { ...run, throttleReason: reason, updatedAt: now };
}

/** Backpressure is over: the run goes on at its target rate from what was published, without bursting. */
export function releaseHold(run: RunState, now: number): RunState {
  return { ...run, throttleReason: null, pace: rebasePace(run.pace, run.published, now), updatedAt: now };
}

/** A run whose every record is processed or failed is completed (a lowered total can make it so). */
function completeIfDone(run: RunState, now: number): RunState {
  if (remainingCount(run) > 0) return run;
  return { ...run, status: 'completed', throttleReason: null, finishedAt: now };
}

/** Queued jobs above which the scheduler holds a run back: `seconds` of its rate, at least `minimum`. */
export function backpressureLimit(ratePerMinute: number, seconds: number, minimum: number): number {
  return Math.max(minimum, Math.ceil((ratePerMinute * seconds) / 60));
}
