import { queuedCount } from './run-json';
import type { RunState } from './run-state';

/** What the autoscaling signal weighs: how long a backlog may take to work off, and one worker's rate until measured. */
export interface DemandPolicy {
  /** The jobs queued now are to be worked off within this many seconds, on top of the runs' rates. */
  backlogSeconds: number;
  /** What one worker is taken to sustain (records a minute) until a measurement says otherwise. */
  assumedWorkerRatePerMinute: number;
}

/**
 * The records a minute the runs need processed: each run still publishing at its target rate, plus the jobs queued
 * (published, neither processed nor failed) spread over the backlog bound. A paused run, or one fully published,
 * asks only for its queue to be worked off. The queue is on purpose long for a slow run: the rate is what counts.
 */
export function demandPerMinute(runs: readonly RunState[], backlogSeconds: number): number {
  let demand = 0;
  for (const run of runs) {
    const publishing = run.status === 'running' && run.published < run.total;
    demand += (publishing ? run.pace.ratePerMinute : 0) + (queuedCount(run) * 60) / backlogSeconds;
  }
  return demand;
}

/** Workers that sustain `demand` records a minute at `workerRatePerMinute` each: 0 for no demand, else at least 1. */
export function workersNeeded(demand: number, workerRatePerMinute: number): number {
  if (demand <= 0) return 0;
  return Math.max(1, Math.ceil(demand / Math.max(workerRatePerMinute, 1)));
}

/** Seconds of work queued at the workers' current rate above which they are behind, so running at what they can. */
export const SATURATED_AFTER_SECONDS = 5;

/**
 * What one worker sustains, measured from the workers' own rates (their heartbeats). A worker's rate says what it can
 * do only while it is behind: on a paced run it does what it is given. So a reading counts only while more than
 * `SATURATED_AFTER_SECONDS` of work at their current rate is queued, and the estimate is the mean per worker of the
 * last `WINDOW` such readings; until the first, the assumed rate. It keeps its last value while the workers keep
 * up, since what they can do has not changed.
 */
export class WorkerRateEstimate {
  static readonly WINDOW = 30;
  private readonly readings: number[] = [];

  constructor(private readonly assumedRatePerMinute: number) {}

  /** One reading: each live worker's rate (records a minute) and the jobs queued over all runs. */
  observe(workerRatesPerMinute: readonly number[], queued: number): void {
    const total = workerRatesPerMinute.reduce((sum, rate) => sum + rate, 0);
    if (workerRatesPerMinute.length === 0 || total <= 0) return;
    if (queued <= (total / 60) * SATURATED_AFTER_SECONDS) return;
    this.readings.push(total / workerRatesPerMinute.length);
    if (this.readings.length > WorkerRateEstimate.WINDOW) this.readings.shift();
  }

  get ratePerMinute(): number {
    if (this.readings.length === 0) return this.assumedRatePerMinute;
    return this.readings.reduce((sum, rate) => sum + rate, 0) / this.readings.length;
  }

  /** Whether the rate is measured rather than assumed. */
  get measured(): boolean {
    return this.readings.length > 0;
  }
}
