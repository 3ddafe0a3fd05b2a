import { startPace } from './pace';
import type { RunState } from './run-state';
import type { WorkerStatus } from '@app/contracts';
import { achievedRatePerMinute, stalledReason, toRunView, withNewerRuns } from './run-view';

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
    const view = toRunView(state, 590, []);
    expect(view.queued).toBe(90);
    expect(view.ratePerMinute).toBe(600);
    expect(view.throttled).toBe(false);
    expect(view.etaSeconds).toBe(69); // 690 records at 10/s
    expect(view.achievedRatePerMinute).toBe(590);
    expect(view.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(view.finishedAt).toBeNull();
  });

  it('has no ETA when not running, and zero once completed', () => {
    expect(toRunView({ ...state, status: 'stopped' }, 0, []).etaSeconds).toBeNull();
    expect(toRunView({ ...state, status: 'completed', processed: 990 }, 0, []).etaSeconds).toBe(0);
  });

  it('numbers each state of the run higher than the one before it: publish, count, fail and control change', () => {
    const versions = [
      state,
      { ...state, published: 401 },
      { ...state, published: 401, processed: 301 },
      { ...state, published: 401, processed: 301, failed: 11 },
      { ...state, published: 401, processed: 301, failed: 11, revision: 1, status: 'paused' as const },
      // A replayed dead letter succeeds: it moves from failed to processed, nothing else changes.
      { ...state, published: 401, processed: 302, failed: 10, revision: 1, status: 'paused' as const },
    ].map((next) => toRunView(next, 0, []).version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('withNewerRuns', () => {
  it('keeps the higher version of each run and adds the runs it lacked', () => {
    const a = toRunView(state, 0, []);
    const b = toRunView({ ...state, id: 'r2' }, 0, []);
    const newerA = toRunView({ ...state, processed: 301 }, 0, []);
    const olderB = toRunView({ ...state, id: 'r2', processed: 299 }, 0, []);
    const c = toRunView({ ...state, id: 'r3' }, 0, []);
    expect(withNewerRuns([a, b], [newerA, olderB, c])).toEqual([newerA, b, c]);
    expect(withNewerRuns([a], [])).toEqual([a]);
  });
});

describe('achievedRatePerMinute', () => {
  const now = Date.UTC(2026, 0, 1, 0, 1, 0, 400);
  const longAgo = now - 3_600_000;

  it('averages per-second counts into a per-minute rate', () => {
    expect(achievedRatePerMinute([10, 10, 10, 10], longAgo, now)).toBe(600);
    expect(achievedRatePerMinute([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], longAgo, now)).toBe(6);
    expect(achievedRatePerMinute([], longAgo, now)).toBe(0);
  });

  it('measures a young run over its own age, not the whole window', () => {
    // Started 4.5 s before the current second began: the window's first 5.5 s precede it.
    const startedAt = Date.UTC(2026, 0, 1, 0, 0, 55, 500);
    expect(achievedRatePerMinute([0, 0, 0, 0, 0, 50, 100, 100, 100, 100], startedAt, now)).toBe(6_000);
  });

  it('is zero before a whole second has passed, or for a run not started', () => {
    expect(achievedRatePerMinute([0, 0, 5], now - 100, now)).toBe(0);
    expect(achievedRatePerMinute([0, 0, 5], null, now)).toBe(0);
  });
});

describe('stalledReason', () => {
  const worker = (storageAvailable: boolean): WorkerStatus => ({
    id: 'w',
    host: 'h',
    pid: 1,
    startedAt: '',
    lastSeenAt: '',
    processed: 0,
    rate: 0,
    storageAvailable,
  });

  it('says why a running run cannot move', () => {
    expect(stalledReason(state, [])).toMatch(/^no worker is running/);
    expect(stalledReason(state, [worker(false), worker(false)])).toMatch(/^Elasticsearch is unavailable/);
  });

  it('is null while some worker can work, and for a finished run', () => {
    expect(stalledReason(state, [worker(false), worker(true)])).toBeNull();
    expect(stalledReason({ ...state, status: 'completed', processed: 990 }, [])).toBeNull();
    expect(stalledReason({ ...state, status: 'stopped', published: 310 }, [])).toBeNull();
  });
});
