import { TestScheduler } from 'rxjs/testing';
import { totalRefreshes } from './total-refresh';

describe('totalRefreshes', () => {
  const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  it('reads at once, then at most once a second while the count moves, and once more after it settled', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // A change every 100 ms for 2.5 s, then none (the run's count stopped; the feed goes on).
      const changes = cold([...'abcdefghijklmnopqrstuvwxy'].join(' 99ms '));
      expectObservable(changes.pipe(totalRefreshes())).toBe('a 999ms k 999ms u 999ms y 999ms y');
    });
  });

  it('reads a lone change at once and once more after it settled', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a 4999ms |').pipe(totalRefreshes())).toBe('a 1499ms a 3499ms |');
    });
  });
});
