import { formatSortableId } from './sortable-id';

/**
 * A run id that sorts by creation time (lexicographically, fixed width), so listing newest-first
 * needs no second index: 9 base-36 digits of epoch milliseconds, then a random suffix.
 */
export function formatRunId(nowMs: number, randomSuffix: string): string {
  return formatSortableId(nowMs, randomSuffix);
}
