const TIME_WIDTH = 9;

/**
 * An id that sorts by creation time (lexicographically, fixed width), so listing newest-first needs no second
 * index: 9 base-36 digits of epoch milliseconds, then a random suffix. Run ids and dataset ids both take it.
 */
export function formatSortableId(nowMs: number, randomSuffix: string): string {
  return nowMs.toString(36).padStart(TIME_WIDTH, '0') + randomSuffix;
}
