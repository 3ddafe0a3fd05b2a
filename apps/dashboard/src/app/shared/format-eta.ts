import { formatHms } from './format-duration';

/**
 * Formats a remaining time in seconds, to the nearest second, as `formatHms` does: `1h 02m 05s`, `4m 09s`, `7s`.
 * An unknown or invalid ETA (null, negative, not finite) is `—`.
 */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '—';
  }
  return formatHms(Math.round(seconds));
}
