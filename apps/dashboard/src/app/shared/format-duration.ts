const pad = (value: number): string => String(value).padStart(2, '0');

/** Whole seconds as hours, minutes and seconds, leading zero units left out: `1h 02m 05s`, `4m 09s`, `7s`. */
export function formatHms(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) {
    return `${h}h ${pad(m)}m ${pad(s)}s`;
  }
  if (m > 0) {
    return `${m}m ${pad(s)}s`;
  }
  return `${s}s`;
}

/**
 * A length of time in milliseconds, to the second: `3d 04h 05m`, `1h 02m 05s`, `4m 09s`, `7s`.
 * Negative (clocks a little apart) counts as 0; anything not finite is `—`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) {
    return '—';
  }
  const total = Math.floor(Math.max(0, ms) / 1000);
  const d = Math.floor(total / 86_400);
  if (d === 0) {
    return formatHms(total);
  }
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${d}d ${pad(h)}h ${pad(m)}m`;
}

/**
 * How long ago something happened, in milliseconds: tenths of a second under a minute (`0.4s ago`, a
 * heartbeat comes every second), else as `formatDuration` (`2m 05s ago`). Negative counts as 0.
 */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) {
    return '—';
  }
  const age = Math.max(0, ms);
  if (age < 60_000) {
    return `${(Math.floor(age / 100) / 10).toFixed(1)}s ago`;
  }
  return `${formatDuration(age)} ago`;
}
