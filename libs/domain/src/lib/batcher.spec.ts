import { Batcher } from './batcher';

describe('Batcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const make = (handle: (batch: number[]) => Promise<void>) => new Batcher<number>({ maxSize: 3, maxWaitMs: 50, handle });

  it('hands over a full batch at once', async () => {
    const batches: number[][] = [];
    const batcher = make(async (batch) => void batches.push(batch));
    [1, 2, 3].forEach((n) => batcher.add(n));
    await Promise.resolve();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('hands over a partial batch after the wait', async () => {
    const batches: number[][] = [];
    const batcher = make(async (batch) => void batches.push(batch));
    batcher.add(1);
    jest.advanceTimersByTime(49);
    expect(batches).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(batches).toEqual([[1]]);
  });

  it('never runs the handler concurrently and keeps items that arrive meanwhile', async () => {
    let release!: () => void;
    let active = 0;
    let maxActive = 0;
    const batches: number[][] = [];
    const batcher = make(async (batch) => {
      active++;
      maxActive = Math.max(maxActive, active);
      batches.push(batch);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      active--;
    });
    [1, 2, 3, 4, 5, 6, 7].forEach((n) => batcher.add(n));
    expect(batches).toEqual([[1, 2, 3]]);
    release();
    jest.useRealTimers();
    await batcher.drain();
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(maxActive).toBe(1);
  });

  it('survives a failing handler', async () => {
    const batches: number[][] = [];
    const batcher = make(async (batch) => {
      batches.push(batch);
      if (batches.length === 1) throw new Error('boom');
    });
    [1, 2, 3, 4].forEach((n) => batcher.add(n));
    jest.useRealTimers();
    await batcher.drain();
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });
});
