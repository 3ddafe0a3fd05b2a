import type { SeqRange } from '@app/contracts';

/** Ranges listed before the rest are only counted. */
export const SHOWN_RANGES = 20;

/**
 * Seq ranges as a short line: `1–5, 9, 12–20`, and `… and 3 more ranges` past `limit`; `none` for no range.
 * `count` formats each seq (grouping digits).
 */
export function formatSeqRanges(ranges: readonly SeqRange[], count: Intl.NumberFormat, limit = SHOWN_RANGES): string {
  if (ranges.length === 0) {
    return 'none';
  }
  const shown = ranges
    .slice(0, limit)
    .map((range) => (range.from === range.to ? count.format(range.from) : `${count.format(range.from)}–${count.format(range.to)}`))
    .join(', ');
  const rest = ranges.length - limit;
  return rest > 0 ? `${shown} and ${rest} more ${rest === 1 ? 'range' : 'ranges'}` : shown;
}
