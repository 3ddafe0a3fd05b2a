import { newRun } from './run-control';
import type { RunState } from './run-state';
import { demandPerMinute, SATURATED_AFTER_SECONDS, WorkerRateEstimate, workersNeeded } from './worker-demand';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const run = (ratePerMinute: number, changes: Partial<RunState> = {}): RunState => ({
  ...newRun({ id: `r${ratePerMinute}`, total: 100_000, ratePerMinute, processor: 'square' }, T0),
  ...changes,
});

describe('demandPerMinute', () => {
  it("is the sum of the publishing runs' target rates when nothing is queued", () => {
    expect(demandPerMinute([run(6_000), run(600)], 60)).toBe(6_600);
  });

  it('adds the queued jobs spread over the backlog bound', () => {
    // 1,200 queued to work off within 60 s: 1,200 a minute on top of the rate.
    expect(demandPerMinute([run(6_000, { published: 5_000, processed: 3_700, failed: 100 })], 60)).toBe(7_200);
    expect(demandPerMinute([run(6_000, { published: 5_000, processed: 3_700, failed: 100 })], 120)).toBe(6_600);
  });

  it('asks only for the queue of a run paused, stopped or fully published', () => {
    const queued = { published: 1_000, processed: 400, failed: 0 };
    expect(demandPerMinute([run(6_000, { ...queued, status: 'paused' })], 60)).toBe(600);
    expect(demandPerMinute([run(6_000, { ...queued, status: 'stopped' })], 60)).toBe(600);
    expect(demandPerMinute([run(6_000, { ...queued, total: 1_000 })], 60)).toBe(600);
    expect(demandPerMinute([run(6_000, { published: 1_000, processed: 1_000, total: 1_000, status: 'completed' })], 60)).toBe(0);
  });

  it('does not grow with the queue a slow run keeps on purpose beyond that queue over the bound', () => {
    // A run at 100 a minute with 50 queued needs 100 + 50 a minute, not a worker per queued job.
    expect(demandPerMinute([run(100, { published: 50, processed: 0 })], 60)).toBe(150);
  });
});

describe('workersNeeded', () => {
  it('divides the demand by what one worker sustains, rounding up', () => {
    expect(workersNeeded(6_600, 3_000)).toBe(3);
    expect(workersNeeded(6_000, 3_000)).toBe(2);
  });

  it('is 0 without demand and at least 1 with any', () => {
    expect(workersNeeded(0, 3_000)).toBe(0);
    expect(workersNeeded(1, 3_000)).toBe(1);
  });
});

describe('WorkerRateEstimate', () => {
  it('assumes the configured rate until the workers have been behind', () => {
    const estimate = new WorkerRateEstimate(30_000);
    // Keeping up with a paced run: 2 workers at 3,000 a minute with 10 queued say nothing of what they can do.
    estimate.observe([3_000, 3_000], 10);
    expect(estimate.ratePerMinute).toBe(30_000);
    expect(estimate.measured).toBe(false);
  });

  it("measures the mean per worker while more than a few seconds' work at their rate is queued", () => {
    const estimate = new WorkerRateEstimate(30_000);
    const behind = ((60_000 + 60_000) / 60) * SATURATED_AFTER_SECONDS + 1;
    estimate.observe([60_000, 60_000], behind);
    estimate.observe([50_000, 70_000, 30_000], 100_000);
    expect(estimate.ratePerMinute).toBe((60_000 + 50_000) / 2);
    expect(estimate.measured).toBe(true);
    // Caught up again: the estimate stays.
    estimate.observe([1_000, 1_000], 0);
    expect(estimate.ratePerMinute).toBe(55_000);
  });

  it('keeps the last readings only', () => {
    const estimate = new WorkerRateEstimate(30_000);
    for (let i = 0; i < WorkerRateEstimate.WINDOW; i++) estimate.observe([10_000], 1_000_000);
    estimate.observe([40_000], 1_000_000);
    expect(estimate.ratePerMinute).toBe(10_000 + 30_000 / WorkerRateEstimate.WINDOW);
  });

  it('ignores a reading without workers or without work', () => {
    const estimate = new WorkerRateEstimate(30_000);
    estimate.observe([], 1_000);
    estimate.observe([0, 0], 1_000);
    expect(estimate.measured).toBe(false);
  });
});
