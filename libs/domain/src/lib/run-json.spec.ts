import { newRun } from './run-control';
import type { RunState } from './run-state';
import type { WorkerStatus } from '@app/contracts';
import { runEnded, stalledReason, toRunJson } from './run-json';

// A run one minute in: 400 published, 300 processed, 10 failed.
const state: RunState = {
  ...newRun({ id: 'r1', total: 1_000, ratePerMinute: 600, processor: 'square' }, Date.UTC(2026, 0, 1)),
  reserved: 400,
  published: 400,
  processed: 300,
  failed: 10,
  updatedAt: Date.UTC(2026, 0, 1, 0, 1),
};

describe('toRunJson', () => {
  it('derives queued and the ETA from the remaining records at the target rate', () => {
    const view = toRunJson(state, 590, []);
    expect(view.queued).toBe(90);
    expect(view.ratePerMinute).toBe(600);
    expect(view.throttled).toBe(false);
    expect(view.etaSeconds).toBe(69); // 690 records at 10/s
    expect(view.achievedRatePerMinute).toBe(590);
    expect(view.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(view.finishedAt).toBeNull();
  });

  it('has no ETA when not running, and zero once completed', () => {
    expect(toRunJson({ ...state, status: 'stopped' }, 0, []).etaSeconds).toBeNull();
    expect(toRunJson({ ...state, status: 'completed', processed: 990 }, 0, []).etaSeconds).toBe(0);
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
    ].map((next) => toRunJson(next, 0, []).version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
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
    limits: { httpInFlight: 256, hashThreads: 2 },
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

describe('runEnded', () => {
  it('ends at completion, and at a stop only once the published jobs are processed', () => {
    expect(runEnded(state)).toBe(false);
    expect(runEnded({ ...state, status: 'paused' })).toBe(false);
    expect(runEnded({ ...state, status: 'completed' })).toBe(true);
    expect(runEnded({ ...state, status: 'stopped' })).toBe(false);
    expect(runEnded({ ...state, status: 'stopped', processed: 390 })).toBe(true);
  });

  it('reads the same off the run as JSON', () => {
    const run = toRunJson({ ...state, status: 'stopped' }, 0, []);
    expect(runEnded(run)).toBe(false);
    expect(runEnded({ ...run, processed: 390 })).toBe(true);
  });
});
