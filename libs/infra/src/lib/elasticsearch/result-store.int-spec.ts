import { randomBytes } from 'node:crypto';
import { elasticsearchIndices, type FailureDocument, type JobDocument } from '@app/contracts';
import { ElasticsearchConnection } from './elasticsearch.connection';
import { ResultStore, type StoredDocument } from './result-store';

/*
 * The aggregations of `deliveryStats` against the real Elasticsearch, over indices of a namespace of their own: the
 * status ranges, the missing bucket and the percentiles are Elasticsearch's to compute, and only it can show they
 * read both indices' mappings alike.
 */
const ELASTICSEARCH_URL = process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const indices = elasticsearchIndices(`it-results-${randomBytes(3).toString('hex')}-`);
const RUN = 'results0001aaa';
const OTHER_RUN = 'results0002bbb';
const STORE_RUN = 'results0004ddd';

let es: ElasticsearchConnection;
let store: ResultStore;

beforeAll(async () => {
  es = await ElasticsearchConnection.connect([ELASTICSEARCH_URL], indices, { shards: 1, replicas: 0 });
  store = new ResultStore(es);
});

afterAll(async () => {
  await es.client.indices.delete({ index: Object.values(indices), ignore_unavailable: true });
  await es.close();
});

const common = { input: { id: 'row' }, processor: 'http' as const, workerId: 'worker-1', publishedAt: '2026-01-01T00:00:00.000Z' };

function result(runId: string, seq: number, status: number, latencyMs: number): StoredDocument {
  const document: JobDocument = {
    ...common,
    runId,
    seq,
    output: null,
    delivery: { status, latencyMs, response: 'ok' },
    attempt: 1,
    processedAt: '2026-01-01T00:00:01.000Z',
  };
  return { kind: 'result', document };
}

function deadLetter(runId: string, seq: number, delivery?: FailureDocument['delivery']): StoredDocument {
  const document: FailureDocument = {
    ...common,
    runId,
    seq,
    error: delivery ? `the endpoint answered ${delivery.status}` : 'no answer within 500 ms',
    ...(delivery && { delivery }),
    attempts: 3,
    failedAt: '2026-01-01T00:00:01.000Z',
  };
  return { kind: 'failure', document };
}

describe('ResultStore.storeMany', () => {
  it('says which documents Elasticsearch refused, and why, and stores the others', async () => {
    const refused = result(STORE_RUN, 1_001, 200, 1);
    // The jobs index maps strictly: a field it does not know is refused for that document alone.
    (refused.document as unknown as Record<string, unknown>)['unmapped'] = 1;

    const outcome = await store.storeMany([result(STORE_RUN, 1_000, 200, 1), refused, result(STORE_RUN, 1_002, 200, 1)]);

    expect(outcome.stored).toEqual([0, 2]);
    expect(outcome.failed).toEqual([{ index: 1, reason: expect.stringContaining('unmapped') }]);
    await es.client.indices.refresh({ index: indices.jobs });
    expect((await es.client.count({ index: indices.jobs, query: { terms: { seq: [1_000, 1_001, 1_002] } } })).count).toBe(2);
  });
});

describe('ResultStore.deliveryStats', () => {
  it('counts results and dead letters of one run by the status class of their final answer, with the latency percentiles', async () => {
    // 100 results answered in 1..100 ms; dead letters: three 404s, two 503s, one timeout; another run's records besides.
    const documents = [
      ...Array.from({ length: 100 }, (_, i) => result(RUN, i + 1, i % 2 === 0 ? 200 : 204, i + 1)),
      ...[101, 102, 103].map((seq) => deadLetter(RUN, seq, { status: 404, latencyMs: 2 })),
      ...[104, 105].map((seq) => deadLetter(RUN, seq, { status: 503, latencyMs: 3 })),
      deadLetter(RUN, 106),
      result(OTHER_RUN, 1, 200, 5_000),
      deadLetter(OTHER_RUN, 2, { status: 302, latencyMs: 5_000 }),
    ];
    expect((await store.storeMany(documents)).failed).toEqual([]);
    await es.client.indices.refresh({ index: [indices.jobs, indices.failures] });

    const stats = await store.deliveryStats(RUN);

    expect(stats).toMatchObject({ total: 106, byStatusClass: { '2xx': 100, '3xx': 0, '4xx': 3, '5xx': 2 }, noAnswer: 1 });
    // 105 answers: 2, 2, 2, 3, 3, then 1..100 ms; the median is about 48 ms, the 95th percentile about 95 ms.
    expect(stats.latencyMs?.p50).toBeGreaterThanOrEqual(46);
    expect(stats.latencyMs?.p50).toBeLessThanOrEqual(50);
    expect(stats.latencyMs?.p95).toBeGreaterThanOrEqual(93);
    expect(stats.latencyMs?.p95).toBeLessThanOrEqual(97);
  });

  it('answers zero and no latency for a run with nothing stored', async () => {
    expect(await store.deliveryStats('results0003ccc')).toEqual({
      total: 0,
      byStatusClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
      noAnswer: 0,
      latencyMs: null,
    });
  });
});

describe('ResultStore.storedSeqRanges', () => {
  const WHOLE_RUN = 'results0004ddd';
  const GAPPED_RUN = 'results0005eee';
  const r = (from: number, to: number) => ({ from, to });

  it('takes a run stored whole as one range, from buckets as full as their span, the last one shorter', async () => {
    // 10,000 seqs: buckets of 4,096 from seq 1, the last of 1,808; another run's seqs interleaved in the same index.
    const documents = Array.from({ length: 10_000 }, (_, i) => result(WHOLE_RUN, i + 1, 200, 1));
    documents.push(result(OTHER_RUN, 20_000, 200, 1));
    expect((await store.storeMany(documents)).failed).toEqual([]);

    expect(await store.storedSeqRanges(WHOLE_RUN, 'result')).toEqual([r(1, 10_000)]);
    expect(await store.storedSeqRanges(WHOLE_RUN, 'failure')).toEqual([]);
  });

  it('reads seq by seq only the buckets with a gap: at the start, inside, at a bucket boundary and at the end', async () => {
    const absent = new Set([1, 2, 3, 5_000, 8_192, 8_193, 12_000]);
    const seqs = Array.from({ length: 12_000 }, (_, i) => i + 1).filter((seq) => !absent.has(seq));
    // One seq beyond the rest, alone in its bucket, and a dead letter of a seq that was replayed since (stored both ways).
    const documents = [...seqs.map((seq) => result(GAPPED_RUN, seq, 200, 1)), result(GAPPED_RUN, 1_000_000, 200, 1)];
    documents.push(deadLetter(GAPPED_RUN, 5_000), deadLetter(GAPPED_RUN, 5_001), deadLetter(GAPPED_RUN, 5_003));
    expect((await store.storeMany(documents)).failed).toEqual([]);

    expect(await store.storedSeqRanges(GAPPED_RUN, 'result')).toEqual([
      r(4, 4_999),
      r(5_001, 8_191),
      r(8_194, 11_999),
      r(1_000_000, 1_000_000),
    ]);
    expect(await store.storedSeqRanges(GAPPED_RUN, 'failure')).toEqual([r(5_000, 5_001), r(5_003, 5_003)]);
  });

  it('has no ranges for a run with nothing stored', async () => {
    expect(await store.storedSeqRanges('results0006fff', 'result')).toEqual([]);
  });
});
