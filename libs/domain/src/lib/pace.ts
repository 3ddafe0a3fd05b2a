/**
 * A run's schedule: records accrue at `ratePerMinute` while running, and not at all while paused.
 * `accrued` is the (fractional) number accrued up to `since`; from `since` on the current rate applies.
 * Folding each change into `accrued` keeps the state O(1) however often the rate changes or the run
 * pauses, and makes every change exact: it applies from the moment it is made, with no burst to catch
 * up and no time lost.
 */
export interface Pace {
  ratePerMinute: number;
  accrued: number;
  /** Epoch milliseconds from which the current rate accrues; null while paused. */
  since: number | null;
}

const MS_PER_MINUTE = 60_000;
/** Absorbs floating-point error so that a record due exactly now counts as due. */
const EPSILON = 1e-9;

export function startPace(ratePerMinute: number, now: number): Pace {
  return { ratePerMinute, accrued: 0, since: now };
}

/** Records accrued by `now`: the integral of the rate over running time. */
export function accruedAt(pace: Pace, now: number): number {
  if (pace.since === null) return pace.accrued;
  return pace.accrued + (pace.ratePerMinute * Math.max(0, now - pace.since)) / MS_PER_MINUTE;
}

/** How many records should be published by `now`: the first at once, then one per accrued record, capped at `total`. */
export function dueCount(pace: Pace, total: number, now: number): number {
  return Math.min(total, 1 + Math.floor(accruedAt(pace, now) + EPSILON));
}

export function changeRate(pace: Pace, ratePerMinute: number, now: number): Pace {
  return { ratePerMinute, accrued: accruedAt(pace, now), since: pace.since === null ? null : now };
}

export function pausePace(pace: Pace, now: number): Pace {
  return { ...pace, accrued: accruedAt(pace, now), since: null };
}

export function resumePace(pace: Pace, now: number): Pace {
  return pace.since === null ? { ...pace, since: now } : pace;
}

/**
 * Forgives the records the scheduler held back (backpressure): the schedule goes on from what was
 * published, at the target rate, instead of bursting to catch up.
 */
export function rebasePace(pace: Pace, published: number, now: number): Pace {
  const accrued = Math.min(accruedAt(pace, now), Math.max(0, published - 1));
  return { ...pace, accrued, since: pace.since === null ? null : now };
}

/**
 * A schedule that counts every record already claimed for publishing as accrued. A scheduler computes its claim
 * on its own clock, which may read a little later than the moment a change is made: without this, a record it
 * claimed under the old rate just after that moment would be due again later under the new one, and so went out early.
 */
export function coverClaimed(pace: Pace, claimed: number): Pace {
  return pace.accrued >= claimed - 1 ? pace : { ...pace, accrued: claimed - 1 };
}

/**
 * When record number `seq` is due under the current rate: epoch milliseconds, at or before `since` for a
 * record already due when the rate was last set, null while paused.
 */
export function dueAt(pace: Pace, seq: number): number | null {
  if (pace.since === null) return null;
  return pace.since + ((seq - 1 - pace.accrued) * MS_PER_MINUTE) / pace.ratePerMinute;
}
