import { GroupedCalls } from './grouped-calls';

/** A serve that answers when the test says so, keeping each group it was given. */
function heldServe() {
  const groups: string[][] = [];
  const answers: (() => void)[] = [];
  const serve = (members: string[]) => {
    groups.push(members);
    return new Promise<void>((resolve) => answers.push(resolve));
  };
  return {
    groups,
    serve,
    answer: async (n: number) => {
      answers[n]();
      // Lets the `finally` after the answer run.
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe('GroupedCalls', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('serves the first at once, and those who ask during its read together, once it has answered', async () => {
    const { groups, serve, answer } = heldServe();
    const reads = new GroupedCalls(serve, 100, () => Date.now());
    reads.add('a');
    expect(groups).toEqual([['a']]);
    reads.add('b');
    reads.add('c');
    jest.advanceTimersByTime(150);
    expect(groups).toEqual([['a']]);
    await answer(0);
    expect(groups).toEqual([['a'], ['b', 'c']]);
  });

  it('starts reads at most once every interval, however fast they answer', async () => {
    const { groups, serve, answer } = heldServe();
    const reads = new GroupedCalls(serve, 100, () => Date.now());
    reads.add('a');
    await answer(0);
    jest.advanceTimersByTime(30);
    reads.add('b');
    reads.add('c');
    expect(groups).toEqual([['a']]);
    jest.advanceTimersByTime(69);
    expect(groups).toEqual([['a']]);
    jest.advanceTimersByTime(1);
    expect(groups).toEqual([['a'], ['b', 'c']]);
  });

  it('serves at once whoever asks after a quiet interval', async () => {
    const { groups, serve, answer } = heldServe();
    const reads = new GroupedCalls(serve, 100, () => Date.now());
    reads.add('a');
    await answer(0);
    jest.advanceTimersByTime(500);
    reads.add('b');
    expect(groups).toEqual([['a'], ['b']]);
  });

  it('answers no one once closed', async () => {
    const { groups, serve, answer } = heldServe();
    const reads = new GroupedCalls(serve, 100, () => Date.now());
    reads.add('a');
    await answer(0);
    reads.add('b');
    reads.close();
    jest.advanceTimersByTime(1_000);
    expect(groups).toEqual([['a']]);
  });
});
