import type { Client, estypes } from '@elastic/elasticsearch';

/**
 * Every hit of a sorted search, `pageSize` at a time with `search_after` (which, unlike from/size, has no
 * 10,000-hit limit and does not skip or repeat while documents are added behind the cursor). `sort` must be
 * a total order: the last hit's sort values are the next page's cursor.
 */
export async function searchAll<T>(
  client: Client,
  request: Omit<estypes.SearchRequest, 'size' | 'search_after'> & { sort: estypes.Sort },
  pageSize: number,
): Promise<T[]> {
  const sources: T[] = [];
  let after: estypes.SortResults | undefined;
  for (;;) {
    const page = await client.search<T>({ ...request, size: pageSize, search_after: after });
    for (const hit of page.hits.hits) sources.push(hit._source as T);
    if (page.hits.hits.length < pageSize) return sources;
    after = page.hits.hits[page.hits.hits.length - 1].sort;
  }
}
