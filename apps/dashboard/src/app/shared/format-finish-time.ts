import type { LocaleFormats } from './locale-formats';

const sameLocalDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * A finish time on the local clock: the time alone when it falls today (`14:05:09`), with the date
 * otherwise (`24 Nov 2026, 14:05`). `—` for a time no date can hold.
 */
export function formatFinishTime(at: number, now: number, formats: Pick<LocaleFormats, 'time' | 'dateTime'>): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) {
    return '—';
  }
  return sameLocalDay(date, new Date(now)) ? formats.time.format(date) : formats.dateTime.format(date);
}
