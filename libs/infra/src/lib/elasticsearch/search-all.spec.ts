import type { Client, estypes } from '@elastic/elasticsearch';
import { searchAll, searchPages } from './search-all';

/** Answers searches over `docs` (sorted by `n`) page by page, recording every request; each answer carries a new PIT id. */
function fakeClient(docs: number[]) {
  const searches: estypes.SearchRequest[] = [];
  const closed: string[] = [];
  let opened = 0;
  const client = {
    openPointInTime: async () => ({ id: `pit-${++opened}` }),
    closePointInTime: async ({ id }: { id: string }) => {
      closed.push(id);
      return { succeeded: true };
    },
    search: async (request: estypes.SearchRequest) => {
      searches.push(request);
      const after = (request.search_after?.[0] as number | undefined) ?? -Infinity;
      const hits = docs
        .filter((n) => n > after)
        .slice(0, request.size)
        .map((n) => ({ _index: 'i', _id: String(n), _source: { n }, sort: [n] }));
      return { hits: { hits }, ...(request.pit ? { pit_id: `${request.pit.id}+` } : {}) };
    },
  };
  return { client: client as unknown as Client, searches, closed };
}

const request = { index: 'i', sort: [{ n: 'asc' as const }] };

describe('searchPages', () => {
  it('reads page after page from the last sort values, and ends at the first short page', async () => {
    const { client, searches } = fakeClient([1, 2, 3, 4, 5]);
    const pages: number[][] = [];
    for await (const hits of searchPages<{ n: number }>(client, request, 2)) pages.push(hits.map((hit) => hit._source?.n ?? 0));
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    expect(searches.map((search) => search.search_after)).toEqual([undefined, [2], [4]]);
    expect(searches.every((search) => search.pit === undefined)).toBe(true);
  });

  it('yields no empty page when the last full page was the end', async () => {
    const { client, searches } = fakeClient([1, 2]);
    const pages: unknown[] = [];
    for await (const hits of searchPages(client, request, 2)) pages.push(hits);
    expect(pages).toHaveLength(1);
    expect(searches).toHaveLength(2);
  });

  it('on a point in time, sends the id each answer returned and closes the last one, also when the reader stops early', async () => {
    const { client, searches, closed } = fakeClient([1, 2, 3, 4, 5]);
    for await (const hits of searchPages(client, { sort: request.sort }, 2, { index: 'i', keepAlive: '1m' })) if (hits.length > 0) break;
    expect(closed).toEqual(['pit-1+']);

    for await (const hits of searchPages(client, { sort: request.sort }, 2, { index: 'i', keepAlive: '1m' }))
      expect(hits.length).toBeGreaterThan(0);
    expect(searches.slice(1).map((search) => search.pit)).toEqual([
      { id: 'pit-2', keep_alive: '1m' },
      { id: 'pit-2+', keep_alive: '1m' },
      { id: 'pit-2++', keep_alive: '1m' },
    ]);
    expect(closed).toEqual(['pit-1+', 'pit-2+++']);
  });
});

describe('searchAll', () => {
  it('collects the _source of every hit', async () => {
    const { client } = fakeClient([1, 2, 3, 4, 5]);
    expect(await searchAll(client, request, 2)).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
  });
});
