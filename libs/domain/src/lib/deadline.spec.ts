import { probeWithin } from './deadline';

describe('probeWithin', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers with the value of a task that settles in time', async () => {
    await expect(probeWithin(150, async () => 42)).resolves.toMatchObject({ state: 'ok', value: 42 });
  });

  it('answers with the error of a task that fails in time, never rejecting', async () => {
    await expect(probeWithin(150, async () => Promise.reject(new Error('refused')))).resolves.toMatchObject({
      state: 'error',
      error: 'refused',
    });
  });

  it('answers timeout at the deadline for a task that hangs, and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const probe = probeWithin(150, (given) => {
      signal = given;
      return new Promise<never>(() => undefined);
    });
    await jest.advanceTimersByTimeAsync(149);
    expect(signal?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(probe).resolves.toMatchObject({ state: 'timeout' });
    expect(signal?.aborted).toBe(true);
  });
});
