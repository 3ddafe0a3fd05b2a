import { request as httpRequest } from 'node:http';
import type { Dataset, DatasetDetail, DatasetPage } from '@app/contracts';
import { csvChunks, csvRecord, TestSystem, waitFor } from '@app/testing';

// Ports: api 5410, scheduler 5411. No worker: nothing here publishes or processes.
const system = new TestSystem({ workers: 0, basePort: 5410 });

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

/**
 * How many records of a dataset are stored, how many seqs are stored more than once (a histogram by seq keeping the
 * buckets of two or more), and their lowest and highest seq, after a refresh.
 */
async function storedSeqs(datasetId: string): Promise<{ count: number; repeated: number; min: number | null; max: number | null }> {
  const index = system.indices.datasetRecords;
  await system.es.indices.refresh({ index });
  const result = await system.es.search({
    index,
    size: 0,
    track_total_hits: true,
    query: { term: { datasetId } },
    aggs: {
      min: { min: { field: 'seq' } },
      max: { max: { field: 'seq' } },
      repeated: { histogram: { field: 'seq', interval: 1, min_doc_count: 2 } },
    },
  });
  const aggs = result.aggregations as Record<'min' | 'max', { value: number | null }> & { repeated: { buckets: unknown[] } };
  const total = result.hits.total;
  return {
    count: typeof total === 'number' ? total : (total?.value ?? 0),
    repeated: aggs.repeated.buckets.length,
    min: aggs.min.value,
    max: aggs.max.value,
  };
}

/** Every dataset id that has records stored, and every dataset listed: after a failed upload, the two are the same. */
async function storedDatasetIds(): Promise<{ withRecords: string[]; listed: string[] }> {
  await system.es.indices.refresh({ index: [system.indices.datasetRecords, system.indices.datasets] });
  const result = await system.es.search({
    index: system.indices.datasetRecords,
    size: 0,
    aggs: { ids: { terms: { field: 'datasetId', size: 1_000 } } },
  });
  const buckets = (result.aggregations as { ids: { buckets: { key: string }[] } }).ids.buckets;
  const listed = await system.es.search<{ id: string }>({ index: system.indices.datasets, size: 1_000 });
  return {
    withRecords: buckets.map((bucket) => bucket.key).sort(),
    listed: listed.hits.hits.map((hit) => hit._source?.id ?? '').sort(),
  };
}

describe('datasets', () => {
  let csv: Dataset;

  it('stores a CSV upload of 20,000 rows streamed in chunks, each seq 1..20000 once, in upload order', async () => {
    const answer = await system.uploadDataset('people', 'text/csv', csvChunks(20_000));

    expect(answer.status).toBe(201);
    csv = answer.body;
    expect(csv).toMatchObject({ name: 'people', format: 'csv', records: 20_000, fields: ['id', 'name', 'note'] });
    expect(csv.id).toMatch(/^[0-9a-z]{10,}$/);
    let bytes = 0;
    for await (const chunk of csvChunks(20_000)) bytes += chunk.byteLength;
    expect(csv.bytes).toBe(bytes);
    expect(Date.parse(csv.createdAt)).toBeLessThanOrEqual(Date.now());
    expect(await storedSeqs(csv.id)).toEqual({ count: 20_000, repeated: 0, min: 1, max: 20_000 });
    const record = await system.es.get<{ datasetId: string; seq: number; record: unknown }>({
      index: system.indices.datasetRecords,
      id: `${csv.id}:12345`,
    });
    expect(record._source).toEqual({
      datasetId: csv.id,
      seq: 12_345,
      record: { id: '12345', name: 'name 12345', note: 'a "quoted" note, with a comma, in Ünïcode' },
    });
  });

  it('stores an NDJSON upload, skipping blank lines, its fields the keys seen, sorted', async () => {
    const answer = await system.uploadDataset('events', 'application/x-ndjson', '{"b":1,"a":"x"}\n\n{"c":{"d":[1,2]}}\r\n{"a":null}');

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ name: 'events', format: 'ndjson', records: 3, fields: ['a', 'b', 'c'] });
    const detail = await system.api<DatasetDetail>('GET', `/datasets/${answer.body.id}`);
    expect(detail.body.sample).toEqual([
      { seq: 1, record: { b: 1, a: 'x' } },
      { seq: 2, record: { c: { d: [1, 2] } } },
      { seq: 3, record: { a: null } },
    ]);
  });

  it.each([
    ['in the first bulk', 1_234],
    ['after two bulks were stored', 12_345],
  ])('refuses a CSV with a malformed line %s with a 400 naming the line, and keeps nothing of it', async (_, line) => {
    const before = await storedDatasetIds();

    // 200,000 rows (about 14 MB): the client is still sending when the refusal comes, and must still get the answer.
    const answer = await system.uploadDataset<{ message: string[] }>('broken', 'text/csv', csvChunks(200_000, line));

    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual([`line ${line}: 4 fields where the header has 3`]);
    expect(await storedDatasetIds()).toEqual(before);
    expect(before.withRecords).toEqual(before.listed);
  });

  it.each([
    [
      'an NDJSON line that is not an object',
      'application/x-ndjson',
      '{"a":1}\n{"a":2}\n[3]\n',
      'line 3: a JSON object is expected, not an array',
    ],
    ['an NDJSON line that is not JSON', 'application/x-ndjson', '{"a":1}\n{"a":\n', /^line 2: not valid JSON/],
    ['a CSV with an unclosed quote', 'text/csv', 'a,b\n1,2\n"3,4\n', 'line 3: a quoted field is never closed'],
    ['a CSV header without rows', 'text/csv', 'a,b\n', 'the upload has no records'],
    ['an empty NDJSON upload', 'application/x-ndjson', '\n\n', 'the upload has no records'],
  ])('refuses %s with a 400 saying what is wrong', async (_, type, body, message) => {
    const before = await storedDatasetIds();

    const answer = await system.uploadDataset<{ message: string[] }>('bad', type, body);

    expect(answer.status).toBe(400);
    if (message instanceof RegExp) expect(answer.body.message[0]).toMatch(message);
    else expect(answer.body.message).toEqual([message]);
    expect(await storedDatasetIds()).toEqual(before);
  });

  it('refuses another content type with a 415, and a missing name with a 400', async () => {
    expect((await system.uploadDataset('x', 'text/plain', 'a,b\n1,2\n')).status).toBe(415);
    expect((await system.uploadDataset('x', 'application/json', '{"a":1}')).status).toBe(415);
    const unnamed = await fetch(`${system.apiUrl}/api/datasets`, {
      method: 'POST',
      headers: { ...system.authorization(), 'content-type': 'text/csv' },
      body: 'a\n1\n',
    });
    expect(unnamed.status).toBe(400);
  });

  it('refuses an upload that declares more than 2 GiB with a 413 before reading it, and closes the connection', async () => {
    const answer = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const req = httpRequest(`${system.apiUrl}/api/datasets?name=huge`, {
        method: 'POST',
        headers: { ...system.authorization(), 'content-type': 'text/csv', 'content-length': String(3 * 1024 ** 3) },
      });
      req.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }));
      });
      req.on('error', reject);
      // The start of the body only: the answer comes without waiting for the rest.
      req.write('id,name\n1,a\n');
    });

    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ message: 'an upload may have at most 2,147,483,648 bytes' });
  });

  it('keeps nothing of an upload the client abandons halfway', async () => {
    const before = await storedDatasetIds();
    const req = httpRequest(`${system.apiUrl}/api/datasets?name=abandoned`, {
      method: 'POST',
      headers: { ...system.authorization(), 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
    });
    req.on('error', () => undefined);
    let sent = 0;
    for await (const chunk of csvChunks(20_000)) {
      req.write(chunk);
      sent += chunk.byteLength;
      if (sent > 800_000) break;
    }
    // The api stores bulks as they come (an unlisted dataset has records), then the connection goes.
    await waitFor(async () => (await storedDatasetIds()).withRecords.length > before.withRecords.length, 15_000, 'the first bulks');
    req.destroy();

    await waitFor(async () => JSON.stringify(await storedDatasetIds()) === JSON.stringify(before), 15_000, 'the abandoned records to go');
  });

  it('needs a token to upload or delete (401), and the operator token (403 for the viewer)', async () => {
    const before = await storedDatasetIds();

    expect((await system.uploadDataset('x', 'text/csv', 'a\n1\n', null)).status).toBe(401);
    expect((await system.uploadDataset('x', 'text/csv', 'a\n1\n', system.tokens.viewer)).status).toBe(403);
    expect((await system.apiAs(null, 'DELETE', `/datasets/${csv.id}`)).status).toBe(401);
    expect((await system.apiAs(system.tokens.viewer, 'DELETE', `/datasets/${csv.id}`)).status).toBe(403);
    expect((await system.apiAs(null, 'GET', '/datasets')).status).toBe(401);
    expect((await system.apiAs(system.tokens.viewer, 'GET', `/datasets/${csv.id}`)).status).toBe(200);
    expect(await storedDatasetIds()).toEqual(before);
  });

  describe('from an index', () => {
    const source = `${system.namespace}-source`;

    beforeAll(async () => {
      const operations = Array.from({ length: 30 }, (_, i) => [
        { index: { _index: source, _id: String(i + 1) } },
        { n: i + 1, parity: i % 2 === 0 ? 'odd' : 'even' },
      ]).flat();
      await system.es.bulk({ operations, refresh: true });
    });

    it('snapshots the documents the query matches as seqs 1..N, with their _source as the records', async () => {
      const answer = await system.api<Dataset>('POST', '/datasets/from-index', {
        index: source,
        query: { term: { 'parity.keyword': 'odd' } },
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ name: source, format: 'index', records: 15, fields: ['n', 'parity'] });
      expect(await storedSeqs(answer.body.id)).toEqual({ count: 15, repeated: 0, min: 1, max: 15 });
      const detail = await system.api<DatasetDetail>('GET', `/datasets/${answer.body.id}`);
      expect(detail.body.sample.map((item) => item.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(detail.body.sample.map((item) => item.record['n']).sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 15 }, (_, i) => 2 * i + 1),
      );
      expect(detail.body.sample.every((item) => item.record['parity'] === 'odd')).toBe(true);
    });

    it('takes every document without a query, and a name', async () => {
      const answer = await system.api<Dataset>('POST', '/datasets/from-index', { index: source, name: 'all of it' });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ name: 'all of it', records: 30 });
    });

    it('is a 404 for an unknown index, a 400 for a bad query (with the reason) or for an index of this installation', async () => {
      const unknown = await system.api<{ message: string }>('POST', '/datasets/from-index', { index: `${system.namespace}-nothing` });
      expect(unknown.status).toBe(404);

      const badQuery = await system.api<{ message: string[] }>('POST', '/datasets/from-index', { index: source, query: { nope: {} } });
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.message[0]).toMatch(/unknown query \[nope\]/);

      for (const own of [system.indices.jobs, system.indices.datasetRecords, `${system.namespace}-*`]) {
        const answer = await system.api<{ message: string[] }>('POST', '/datasets/from-index', { index: own });
        expect([own, answer.status]).toEqual([own, 400]);
        expect(answer.body.message[0]).toMatch(/an index of this installation/);
      }

      const nothing = await system.api<{ message: string[] }>('POST', '/datasets/from-index', {
        index: source,
        query: { term: { n: 1_000 } },
      });
      expect(nothing.status).toBe(400);
    });
  });

  it('lists datasets newest first, paged by cursor', async () => {
    const all = await system.api<DatasetPage>('GET', '/datasets');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((item) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(ids).toContain(csv.id);
    expect(all.body.items.find((item) => item.id === csv.id)).toEqual(csv);

    const first = await system.api<DatasetPage>('GET', '/datasets?limit=2');
    expect(first.body.items.map((item) => item.id)).toEqual(ids.slice(0, 2));
    const next = await system.api<DatasetPage>('GET', `/datasets?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((item) => item.id)).toEqual(ids.slice(2, 4));
  });

  it('shows a dataset with its first 20 records by seq, and 404 or 400 for an unknown or malformed id', async () => {
    const detail = await system.api<DatasetDetail>('GET', `/datasets/${csv.id}`);

    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject(csv);
    expect(detail.body.sample).toHaveLength(20);
    expect(detail.body.sample[0]).toEqual({ seq: 1, record: csvRecord(1) });
    expect(detail.body.sample.map((item) => item.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await system.api('GET', '/datasets/zzzzzzzzz0000000')).status).toBe(404);
    expect((await system.api('GET', '/datasets/x:1')).status).toBe(400);
  });

  it('deletes a dataset and its records (204), then it is gone', async () => {
    const answer = await fetch(`${system.apiUrl}/api/datasets/${csv.id}`, { method: 'DELETE', headers: system.authorization() });

    expect(answer.status).toBe(204);
    expect((await system.api('GET', `/datasets/${csv.id}`)).status).toBe(404);
    expect((await system.api<DatasetPage>('GET', '/datasets')).body.items.map((item) => item.id)).not.toContain(csv.id);
    expect(await storedSeqs(csv.id)).toEqual({ count: 0, repeated: 0, min: null, max: null });
    expect((await system.api('DELETE', `/datasets/${csv.id}`)).status).toBe(404);
  });
});
