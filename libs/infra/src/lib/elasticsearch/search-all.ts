import type { Client, estypes } from '@elastic/elasticsearch';

/** A sorted search without its paging: `searchPages` sets `size`, `search_after` and, on a point in time, `pit`. */
export type SortedSearch = Omit<estypes.SearchRequest, 'size' | 'search_after' | 'pit'> & { sort: estypes.Sort };

/** A point in time to read from: opened on `index` (the request then names none) and kept alive `keepAlive` per page. */
export interface PointInTime {
  index: string;
  keepAlive: string;
}

/**
 * The hits of a sorted search, a page of at most `pageSize` at a time with `search_after` (which, unlike from/size,
 * has no 10,000-hit limit and does not skip or repeat while documents are added behind the cursor). `sort` must be a
 * total order: the last hit's sort values are the next page's cursor. With `pointInTime`, every page reads the same
 * view of the index, with the id each answer returns (it may change), and the point in time is closed however the
 * reading ends. Yields no empty page; ends after the first short one.
 */
export async function* searchPages<T>(
  client: Client,
  request: SortedSearch,
  pageSize: number,
  pointInTime?: PointInTime,
): AsyncGenerator<estypes.SearchHit<T>[]> {
  let pitId = pointInTime && (await client.openPointInTime({ index: pointInTime.index, keep_alive: pointInTime.keepAlive })).id;
  try {
    let after: estypes.SortResults | undefined;
    for (;;) {
      const pit = pitId === undefined ? undefined : { id: pitId, keep_alive: pointInTime?.keepAlive };
      const page = await client.search<T>({ ...request, pit, size: pageSize, search_after: after });
      pitId = page.pit_id ?? pitId;
      const hits = page.hits.hits;
      if (hits.length > 0) yield hits;
      if (hits.length < pageSize) return;
      after = hits[hits.length - 1].sort;
    }
  } finally {
    // It would lapse after keepAlive anyway; closing it frees the view now.
    if (pitId !== undefined) await client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
}

/** The `_source` of every hit of a sorted search, read page by page (`searchPages`). */
export async function searchAll<T>(client: Client, request: SortedSearch, pageSize: number): Promise<T[]> {
  const sources: T[] = [];
  for await (const hits of searchPages<T>(client, request, pageSize)) for (const hit of hits) sources.push(hit._source as T);
  return sources;
}
