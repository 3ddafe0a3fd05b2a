import { DestroyRef, inject, InjectionToken, type Signal, signal } from '@angular/core';

/** The current time in epoch milliseconds; tests provide their own. */
export const CLOCK = new InjectionToken<() => number>('CLOCK', { providedIn: 'root', factory: () => () => Date.now() });

/**
 * The current time, as a signal that moves every `periodMs` while its owner lives (call it in an
 * injection context: a component's field or constructor). What reads it is recomputed on each tick.
 */
export function tickingNow(periodMs: number): Signal<number> {
  const clock = inject(CLOCK);
  const now = signal(clock());
  const timer = setInterval(() => now.set(clock()), periodMs);
  inject(DestroyRef).onDestroy(() => clearInterval(timer));
  return now.asReadonly();
}
