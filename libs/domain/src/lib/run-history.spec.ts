import type { RunSample } from '@app/contracts';
import { newRun } from './run-control';
import type { RunState } from './run-state';
import { downsample, historyMarks, runSample } from './run-history';

const T0 = Date.UTC(2026, 0, 1);

const state: RunState = {
  ...newRun({ id: 'r1', total: 1_000, ratePerMinute: 6_000, processor: 'square' }, T0),
  reserved: 400,
  published: 400,
  processed: 300,
  failed: 10,
};

/** Consecutive one-second samples, each overriding the previous one's fields. */
function series(...changes: Partial<RunSample>[]): RunSample[] {
  let previous = runSample(state, 0, T0);
  return changes.map((change, i) => (previous = { ...previous, at: new Date(T0 + i * 1000).toISOString(), ...change }));
}

describe('runSample', () => {
  it('samples the run at the start of the current second, with its target and achieved rates and its queue', () => {
    expect(runSample({ ...state, throttleReason: 'too many queued' }, 5_900, T0 + 1_999)).toEqual({
      runId: 'r1',
      at: '2026-01-01T00:00:01.000Z',
      status: 'running',
      targetRatePerMinute: 6_000,
      achievedRatePerMinute: 5_900,
      published: 400,
      processed: 300,
      failed: 10,
      queued: 90,
      throttled: true,
      throttleReason: 'too many queued',
    });
  });
});

describe('historyMarks', () => {
  it('has no marks for a run that kept its rate', () => {
    expect(historyMarks([])).toEqual([]);
    expect(historyMarks(series({}, { processed: 310 }, { processed: 320 }))).toEqual([]);
  });

  it('marks a rate change with both rates, at the first sample with the new one', () => {
    expect(historyMarks(series({}, {}, { targetRatePerMinute: 30_000 }, {}))).toEqual([
      { at: '2026-01-01T00:00:02.000Z', kind: 'rate-changed', detail: '6,000/min -> 30,000/min' },
    ]);
    expect(historyMarks(series({ targetRatePerMinute: 1.5 }, { targetRatePerMinute: 0.25 }))[0].detail).toBe('1.5/min -> 0.25/min');
  });

  it('marks a pause, a resume, a hold and its release, a stop', () => {
    const marks = historyMarks(
      series(
        {},
        { status: 'paused' },
        { status: 'running' },
        { throttled: true, queued: 1_200 },
        { throttled: false },
        { status: 'stopped' },
      ),
    );
    expect(marks.map(({ at, kind }) => [at.slice(17, 19), kind])).toEqual([
      ['01', 'paused'],
      ['02', 'resumed'],
      ['03', 'throttled'],
      ['04', 'released'],
      ['05', 'stopped'],
    ]);
    expect(marks[0].detail).toBe('paused at 400 published');
    expect(marks[1].detail).toBe('paused -> running at 6,000/min');
    expect(marks[2].detail).toBe('held back with 1,200 queued');
  });

  it("says why a run was held back, as the scheduler gave it: its endpoint's pushback is not a queue", () => {
    const reason = 'endpoint answered 429, retry after 2 s: holding back until it takes more';
    const marks = historyMarks(
      series({}, { throttled: true, throttleReason: reason, queued: 3 }, { throttled: false, throttleReason: null }),
    );
    expect(marks).toEqual([
      { at: '2026-01-01T00:00:01.000Z', kind: 'throttled', detail: reason },
      { at: '2026-01-01T00:00:02.000Z', kind: 'released', detail: 'back to 6,000/min' },
    ]);
  });

  it('marks the completion, without a release for a hold that ended with it', () => {
    const marks = historyMarks(series({ throttled: true }, { status: 'completed', throttled: false, processed: 990 }));
    expect(marks.map((mark) => mark.kind)).toEqual(['throttled', 'completed']);
    expect(marks[1].detail).toBe('990 processed, 10 failed');
  });

  it('marks what already happened before the first sample, from a run as created', () => {
    expect(historyMarks(series({ status: 'completed' })).map((mark) => mark.kind)).toEqual(['completed']);
    expect(historyMarks(series({ status: 'paused', throttled: true })).map((mark) => mark.kind)).toEqual(['paused', 'throttled']);
  });

  it('gives a rate change and a status change in the same second each their mark', () => {
    expect(historyMarks(series({}, { status: 'paused', targetRatePerMinute: 600 })).map((mark) => mark.kind)).toEqual([
      'rate-changed',
      'paused',
    ]);
  });
});

describe('downsample', () => {
  const points = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

  it('keeps a series that fits', () => {
    expect(downsample(points(5), 5)).toEqual(points(5));
    expect(downsample([], 5)).toEqual([]);
  });

  it('keeps every k-th sample and the last, within the cap', () => {
    expect(downsample(points(10), 4)).toEqual([0, 3, 6, 9]);
    expect(downsample(points(11), 4)).toEqual([0, 4, 8, 10]);
    const long = downsample(points(100_001), 2_000);
    expect(long.length).toBeLessThanOrEqual(2_000);
    expect(long[0]).toBe(0);
    expect(long.at(-1)).toBe(100_000);
    expect(long).toEqual([...long].sort((a, b) => a - b));
  });

  it('keeps the first and the last at the smallest cap', () => {
    expect(downsample(points(10), 2)).toEqual([0, 9]);
  });
});
