import { onFailure } from './retry-policy';

describe('onFailure', () => {
  const policy = { maxAttempts: 3, baseDelayMs: 1_000 };

  it('retries with exponential backoff', () => {
    expect(onFailure(policy, 1)).toEqual({ retry: true, delayMs: 1_000, nextAttempt: 2 });
    expect(onFailure(policy, 2)).toEqual({ retry: true, delayMs: 2_000, nextAttempt: 3 });
  });

  it('gives up after the last attempt, and on replays past it', () => {
    expect(onFailure(policy, 3)).toEqual({ retry: false });
    expect(onFailure(policy, 7)).toEqual({ retry: false });
  });

  it('never retries when one attempt is allowed', () => {
    expect(onFailure({ maxAttempts: 1, baseDelayMs: 1_000 }, 1)).toEqual({ retry: false });
  });
});
