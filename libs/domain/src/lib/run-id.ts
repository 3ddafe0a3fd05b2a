const TIME_WIDTH = 9;

/**
 * A run id that sorts by creation time (lexicographically, fixed width), so listing newest-first
 * needs no second index: 9 base-36 digits of epoch milliseconds, then a random suffix.
 */
export function formatRunId(nowMs: number, randomSuffix: string): string {
  return nowMs.toString(36).padStart(TIME_WIDTH, '0') + randomSuffix;
}
