import { startPace } from './pace';
import type { RunState } from './run-state';
import { achievedRatePerMinute, toRunView } from './run-view';

const state: RunState = {
  id: 'r1',
  status: 'running',
  total: 1_000,
  processor: 'square',
  pace: startPace(600, Date.UTC(2026, 0, 1)),
  reserved: 400,
  published: 400,
  processed: 300,
  failed: 10,
  throttleReason: null,
  revision: 0,
  createdAt: Date.UTC(2026, 0, 1),
  startedAt: Date.UTC(2026, 0, 1),
  updatedAt: Date.UTC(2026, 0, 1, 0, 1),
  finishedAt: null,
};

describe('toRunView', () => {
  it('derives queued and the ETA from the remaining records at the target rate', () => {
    const view = toRunView(state, 590);
    expect(view.queued).toBe(90);
    expect(view.ratePerMinute).toBe(600);
    expect(view.throttled).toBe(false);
    expect(view.etaSeconds).toBe(69); // 690 records at 10/s
    expect(view.achievedRatePerMinute).toBe(590);
    expect(view.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(view.finishedAt).toBeNull();
  });

  it('has no ETA when not running, and zero once completed', () => {
    expect(toRunView({ ...state, status: 'stopped' }, 0).etaSeconds).toBeNull();
    expect(toRunView({ ...state, status: 'completed', processed: 990 }, 0).etaSeconds).toBe(0);
  });
});

describe('achievedRatePerMinute', () => {
  it('averages per-second counts into a per-minute rate', () => {
    expect(achievedRatePerMinute([10, 10, 10, 10])).toBe(600);
    expect(achievedRatePerMinute([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toBe(6);
    expect(achievedRatePerMinute([])).toBe(0);
  });
});
