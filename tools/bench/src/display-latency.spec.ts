import { displayLatency, firstReached, longTasks, percentile, rendererMainTasks } from './display-latency';

describe('display latency statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('finds the first sample at or above a value', () => {
    const samples = [
      { at: 100, value: 0 },
      { at: 110, value: 250 },
      { at: 120, value: 250 },
      { at: 130, value: 500 },
    ];
    expect(firstReached(samples, 0)).toBe(100);
    expect(firstReached(samples, 1)).toBe(110);
    expect(firstReached(samples, 250)).toBe(110);
    expect(firstReached(samples, 251)).toBe(130);
    expect(firstReached(samples, 501)).toBeUndefined();
  });

  it('measures each shown value from the first time the counter reached it', () => {
    const samples = [
      { at: 1_000, value: 100 },
      { at: 1_010, value: 200 },
      { at: 1_100, value: 300 },
      { at: 1_200, value: 400 },
    ];
    const shown = [
      { at: 1_050, value: 100 }, // 50
      { at: 1_090, value: 200 }, // 80
      { at: 1_400, value: 300 }, // 300
      { at: 1_190, value: 400 }, // shown before the sampler saw it: 0
      { at: 1_500, value: 999 }, // never reached
    ];
    expect(displayLatency(samples, shown)).toEqual({ count: 4, p50: 50, p95: 300, max: 300, clamped: 1, unmatched: 1 });
  });

  it('summarises the long tasks of a time window', () => {
    const tasks = [
      { start: 10, duration: 120 },
      { start: 100, duration: 55 },
      { start: 200, duration: 80 },
      { start: 301, duration: 500 },
    ];
    expect(longTasks(tasks, 100, 300)).toEqual({ count: 2, longest: 80, total: 135 });
    expect(longTasks(tasks, 400, 500)).toEqual({ count: 0, longest: 0, total: 0 });
  });
});

describe('renderer main tasks from a trace', () => {
  const thread = (pid: number, tid: number, name: string) => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
  const task = (pid: number, tid: number, ts: number, dur: number, tdur: number) => ({
    name: 'ThreadControllerImpl::RunTask',
    ph: 'X',
    pid,
    tid,
    ts,
    dur,
    tdur,
  });

  it("lists the top-level tasks of the renderer's main thread, in time order, in ms", () => {
    const events = [
      thread(1, 1, 'CrBrowserMain'),
      thread(2, 2, 'CrRendererMain'),
      thread(2, 3, 'Compositor'),
      task(2, 2, 5_000, 60_000, 4_000),
      task(1, 1, 1_000, 90_000, 90_000),
      task(2, 3, 2_000, 70_000, 70_000),
      task(2, 2, 1_000, 12_500, 12_000),
      { name: 'Layout', ph: 'X', pid: 2, tid: 2, ts: 1_100, dur: 3_000, tdur: 3_000 },
    ];
    expect(rendererMainTasks(events)).toEqual([
      { ts: 1_000, wall: 12.5, cpu: 12 },
      { ts: 5_000, wall: 60, cpu: 4 },
    ]);
  });

  it('finds none in a trace without a renderer', () => {
    expect(rendererMainTasks([thread(1, 1, 'CrBrowserMain'), task(1, 1, 0, 1_000, 1_000)])).toEqual([]);
  });
});
