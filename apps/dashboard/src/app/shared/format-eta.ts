const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * Formats a remaining time in seconds as hours, minutes and seconds: `1h 02m 05s`, `4m 09s`, `7s`.
 * Leading zero units are left out; an unknown or invalid ETA (null, negative, not finite) is `—`.
 */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '—';
  }
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) {
    return `${h}h ${pad(m)}m ${pad(s)}s`;
  }
  if (m > 0) {
    return `${m}m ${pad(s)}s`;
  }
  return `${s}s`;
}
