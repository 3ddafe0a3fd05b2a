import { nextConnectAttempt } from './node-rotation';

const backoff = { initialDelayMs: 200, maxDelayMs: 1_000 };

/** The attempts made while every one fails, from the state after a connection to node `from` was lost. */
function failingAttempts(nodeCount: number, from: number, count: number): string[] {
  const attempts: string[] = [];
  let previous = from;
  for (let failed = 0; failed < count; failed++) {
    const { index, delayMs } = nextConnectAttempt(nodeCount, previous, failed, backoff);
    attempts.push(`${index}@${delayMs}`);
    previous = index;
  }
  return attempts;
}

describe('nextConnectAttempt', () => {
  it('starts with the first node, at once', () => {
    expect(nextConnectAttempt(3, -1, 0, backoff)).toEqual({ index: 0, delayMs: 0 });
  });

  it('moves to the next node at once when a connection is lost, then waits longer each round that fails', () => {
    expect(failingAttempts(3, 1, 10)).toEqual(['2@0', '0@200', '1@200', '2@200', '0@400', '1@400', '2@400', '0@800', '1@800', '2@800']);
  });

  it('caps the delay', () => {
    expect(failingAttempts(3, 0, 14).slice(-2)).toEqual(['1@1000', '2@1000']);
  });

  it('is plain exponential backoff with one node', () => {
    expect(failingAttempts(1, 0, 6)).toEqual(['0@0', '0@200', '0@400', '0@800', '0@1000', '0@1000']);
  });

  it('goes back to the first node after the last', () => {
    expect(nextConnectAttempt(3, 2, 0, backoff).index).toBe(0);
  });
});
