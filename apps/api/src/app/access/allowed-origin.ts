/**
 * Whether a browser page of `origin` may open the live feed served at `host`: the dashboard's own origin (same
 * host and port) always, others only when listed in `allowed` (`LIVE_ALLOWED_ORIGINS`). A request without an
 * Origin header (not a browser: a script, a test client) is left to the token.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
