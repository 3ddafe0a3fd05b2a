import { asyncScheduler, connect, debounceTime, merge, type MonoTypeOperatorFunction, type SchedulerLike, throttleTime } from 'rxjs';

/** While a run's counters move, a count of what it stored is read again at most this often. */
export const TOTAL_REFRESH_MS = 1_000;
/**
 * And once more this long after they stopped moving: Elasticsearch shows what was stored within its 1 s refresh
 * interval, so the last read counts the last results.
 */
export const TOTAL_SETTLE_MS = 1_500;

/**
 * When to read again a count of what is stored (the results' total, the deliveries), given the changes of the run's
 * counters: at once, then at most once a second while they move, and a last time once they have settled.
 */
export function totalRefreshes<T>(scheduler: SchedulerLike = asyncScheduler): MonoTypeOperatorFunction<T> {
  return connect((changes) =>
    merge(changes, changes.pipe(debounceTime(TOTAL_SETTLE_MS, scheduler))).pipe(
      throttleTime(TOTAL_REFRESH_MS, scheduler, { leading: true, trailing: true }),
    ),
  );
}
