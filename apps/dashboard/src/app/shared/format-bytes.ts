import type { LocaleFormats } from './locale-formats';

/** Each 1,024 of the one before, as the system page has always shown memory and index sizes (1 MB = 1,048,576 bytes). */
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * A size in the largest unit that keeps it at 1 or more, to one decimal: `512 bytes`, `1.5 KB`, `3 MB`, `2 GB`, so
 * that a dataset of a few rows and an index of gigabytes both read at a glance.
 */
export function formatBytes(bytes: number, formats: Pick<LocaleFormats, 'count' | 'rate'>): string {
  if (bytes < 1024) {
    return `${formats.count.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  }
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formats.rate.format(value)} ${UNITS[unit]}`;
}
