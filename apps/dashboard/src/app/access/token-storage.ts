import { InjectionToken } from '@angular/core';

/**
 * Where the dashboard keeps its token: `localStorage`, so that a signed-in browser stays signed in across tabs (a
 * run's page opened in a new tab) and restarts. `sessionStorage` would ask again in every new tab, and protect no
 * better: a script running on the page can read either. Sign-out removes it.
 */
export const TOKEN_STORAGE = new InjectionToken<Storage>('TOKEN_STORAGE', {
  providedIn: 'root',
  factory: (): Storage => localStorage,
});

/** The key of the token in `TOKEN_STORAGE`. */
export const TOKEN_KEY = 'rate-runner.token';
