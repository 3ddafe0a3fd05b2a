/**
 * `fn` over every item, at most `limit` at a time, the results in the items' order. Unlike `Promise.all` over
 * everything, an endpoint never sees more requests at once than it was promised; unlike one at a time, a slow
 * answer does not hold up the others.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
