import { percentile } from './display-latency';

/** One rate change as the bench saw it: epoch milliseconds on the machine's clock, which the scheduler stamps with too. */
export interface RateChange {
  /** When the PATCH was sent and when its answer was read. */
  sentAt: number;
  answeredAt: number;
  /** The `publishedAt` of the first record published on the new schedule; null if none came in the time looked at. */
  firstOnNewSchedule: number | null;
}

export interface DelayStats {
  min: number;
  p50: number;
  p95: number;
  max: number;
}

export interface ApplyDelays {
  changes: number;
  /** Changes after which no record came on the new schedule in the time looked at. */
  missing: number;
  /** From the PATCH answer to the first record on the new schedule, ms: negative if it went out before the answer came. */
  fromAnswer: DelayStats;
  /** From the moment the PATCH was sent: the answer's own time included. */
  fromSent: DelayStats;
}

function delayStats(delays: readonly number[]): DelayStats {
  return {
    min: delays.length ? Math.min(...delays) : NaN,
    p50: percentile(delays, 50),
    p95: percentile(delays, 95),
    max: delays.length ? Math.max(...delays) : NaN,
  };
}

/**
 * Two starts this close together cannot both be of the slow schedules the benches change from (one a second), so
 * the first of such a pair, after a change to a fast one, is on the new schedule.
 */
export const BURST_MS = 100;

/**
 * The first instant in [from, to) that another follows within BURST_MS (that one may be later than `to`): when a
 * change from a slow schedule to a fast one took effect, from the sorted instants records were published or jobs
 * started; null if it did not within the window.
 */
export function firstOfBurst(sortedTimes: readonly number[], from: number, to: number): number | null {
  for (let i = 0; i + 1 < sortedTimes.length; i++) {
    if (sortedTimes[i] >= to) return null;
    if (sortedTimes[i] >= from && sortedTimes[i + 1] - sortedTimes[i] <= BURST_MS) return sortedTimes[i];
  }
  return null;
}

/** How long each change took to apply: the statistics over those that applied. */
export function applyDelays(changes: readonly RateChange[]): ApplyDelays {
  const applied = changes.flatMap(({ sentAt, answeredAt, firstOnNewSchedule }) =>
    firstOnNewSchedule === null ? [] : [{ fromAnswer: firstOnNewSchedule - answeredAt, fromSent: firstOnNewSchedule - sentAt }],
  );
  return {
    changes: changes.length,
    missing: changes.length - applied.length,
    fromAnswer: delayStats(applied.map(({ fromAnswer }) => fromAnswer)),
    fromSent: delayStats(applied.map(({ fromSent }) => fromSent)),
  };
}
