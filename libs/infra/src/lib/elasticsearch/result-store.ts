import type { estypes } from '@elastic/elasticsearch';
import {
  jobId,
  STATUS_CLASSES,
  statusClassRange,
  type DeliveryStats,
  type FailureDocument,
  type FailurePage,
  type JobDocument,
  type ResultPage,
  type SeqRange,
  type StatusClass,
} from '@app/contracts';
import { mergeRanges, planBuckets, rangesOfSeqs } from '@app/domain';
import type { ElasticsearchConnection } from './elasticsearch.connection';
import { searchAll } from './search-all';

export interface BulkStoreOutcome {
  /** Indexes (into the input array) of the documents that are durably stored. */
  stored: number[];
  /** Indexes of the documents that were not stored, with Elasticsearch's reason. */
  failed: { index: number; reason: string }[];
}

/**
 * Width of the buckets in which a run's stored seqs are counted: a bucket with every seq is taken whole, one with a
 * gap is read seq by seq (one page). 100,000,000 records make 24,415 buckets, within Elasticsearch's 65,536.
 */
const SEQ_BUCKET_WIDTH = 4_096;

/** Which of a run's results to list: seqs from `seqFrom` to `seqTo`, stored by `workerId`, each when given. */
export interface ResultQueryFilters {
  seqFrom?: number;
  seqTo?: number;
  workerId?: string;
}

/** The aggregation of `storedSeqRanges`, as Elasticsearch answers it: per bucket of seqs, how many and the lowest and highest. */
interface SeqHistogramAggregations {
  buckets: { buckets: { doc_count: number; min: estypes.AggregationsMinAggregate; max: estypes.AggregationsMaxAggregate }[] };
}

/** The aggregations of `deliveryStats`, as Elasticsearch answers them. */
interface DeliveryAggregations {
  statusClasses: estypes.AggregationsRangeAggregate;
  noAnswer: estypes.AggregationsMissingAggregate;
  latency: estypes.AggregationsTDigestPercentilesAggregate;
}

export type StoredDocument = { kind: 'result'; document: JobDocument } | { kind: 'failure'; document: FailureDocument };

/** Job results and dead letters in Elasticsearch, each written idempotently under `_id = runId:seq`. */
export class ResultStore {
  constructor(private readonly es: ElasticsearchConnection) {}

  /** Indexes (overwrites) each document under its job id in one bulk request; a redelivered job rewrites the same document. */
  async storeMany(documents: readonly StoredDocument[]): Promise<BulkStoreOutcome> {
    const { jobs, failures } = this.es.indices;
    const operations = documents.flatMap(({ kind, document }) => [
      { index: { _index: kind === 'result' ? jobs : failures, _id: jobId(document.runId, document.seq) } },
      document,
    ]);
    // Retried only on the other nodes, once each (none with one node): the caller requeues a failed batch, and its
    // circuit breaker must see a failure at once, but a node gone (a connection refused or reset) is no failure of
    // Elasticsearch while another node answers. Sending the batch again is harmless: every operation indexes under
    // a fixed `_id`, so items the dead node had already applied are overwritten with the same document.
    // Each item's status and error only in the answer: the rest of it (index, id, version, shards...) is most of its
    // size, for Elasticsearch to write and the worker to parse on every batch.
    const response = await this.es.client.bulk(
      { operations, filter_path: ['errors', 'items.*.status', 'items.*.error'] },
      { maxRetries: this.es.failoverRetries },
    );
    const outcome: BulkStoreOutcome = { stored: [], failed: [] };
    response.items.forEach((item, i) => {
      const result = item.index;
      if (result && !result.error && result.status < 300) outcome.stored.push(i);
      else outcome.failed.push({ index: i, reason: result?.error?.reason ?? `status ${result?.status}` });
    });
    return outcome;
  }

  /** Removes the dead letters of seqs that have since been processed (a replay succeeded); absent ones are fine. */
  async deleteFailures(runId: string, seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    const index = this.es.indices.failures;
    const response = await this.es.client.bulk({ operations: seqs.map((seq) => ({ delete: { _index: index, _id: jobId(runId, seq) } })) });
    const failed = response.items.find((item) => item.delete?.error);
    if (failed) throw new Error(`deleting dead letters of run ${runId} failed: ${failed.delete?.error?.reason}`);
  }

  /**
   * Every seq of a run stored in the index of results or of dead letters, as ascending ranges (for rebuilding counters
   * and auditing). Elasticsearch counts the seqs in buckets of a fixed width, with the lowest and highest of each: a
   * bucket as full as that span is taken whole (a seq is stored once per index, under `runId:seq`), and only a bucket
   * with a gap is read seq by seq. So a run stored whole costs one aggregation, whatever its size.
   */
  async storedSeqRanges(runId: string, kind: StoredDocument['kind']): Promise<SeqRange[]> {
    const index = kind === 'result' ? this.es.indices.jobs : this.es.indices.failures;
    await this.es.client.indices.refresh({ index });
    const response = await this.es.client.search<unknown, SeqHistogramAggregations>({
      index,
      size: 0,
      query: { term: { runId } },
      aggs: {
        buckets: {
          // Offset 1: buckets start at seq 1, 4097..., so a run's buckets each cover one whole stretch of its seqs.
          histogram: { field: 'seq', interval: SEQ_BUCKET_WIDTH, offset: 1, min_doc_count: 1 },
          aggs: { min: { min: { field: 'seq' } }, max: { max: { field: 'seq' } } },
        },
      },
    });
    const buckets = (response.aggregations as SeqHistogramAggregations).buckets.buckets;
    const plan = planBuckets(
      buckets.map(({ doc_count, min, max }) => ({ count: doc_count, min: min.value ?? undefined, max: max.value ?? undefined })),
    );
    const read: SeqRange[] = [];
    for (const { from, to } of plan.toRead) {
      const hits = await searchAll<{ seq: number }>(
        this.es.client,
        {
          index,
          _source: ['seq'],
          query: { bool: { filter: [{ term: { runId } }, { range: { seq: { gte: from, lte: to } } }] } },
          sort: [{ seq: 'asc' }],
        },
        SEQ_BUCKET_WIDTH,
      );
      read.push(...rangesOfSeqs(hits.map((hit) => hit.seq)));
    }
    return mergeRanges([...plan.whole, ...read]);
  }

  /** Makes every dead letter stored so far visible to `listFailures` (search is near-real-time otherwise). */
  async refreshFailures(): Promise<void> {
    await this.es.client.indices.refresh({ index: this.es.indices.failures });
  }

  /** A run's dead letters by seq, `size` at a time after the seq in `cursor`. */
  async listFailures(runId: string, size: number, cursor?: number): Promise<FailurePage> {
    const response = await this.es.client.search<FailureDocument>({
      index: this.es.indices.failures,
      size,
      query: { term: { runId } },
      sort: [{ seq: 'asc' }],
      search_after: cursor === undefined ? undefined : [cursor],
    });
    const items = response.hits.hits.map((hit) => hit._source as FailureDocument);
    return { items, nextCursor: items.length === size ? String(items[items.length - 1].seq) : null };
  }

  /**
   * How an `http` run's endpoint answered, in one search over its results and dead letters: each is one record under
   * its own `_id`, counted by the status of the answer it ended with (`delivery.status`, mapped alike in both
   * indices), and the latency percentiles of those answers. Dead letters without an answer have no `delivery`.
   */
  async deliveryStats(runId: string): Promise<DeliveryStats> {
    const response = await this.es.client.search<unknown, DeliveryAggregations>({
      index: [this.es.indices.jobs, this.es.indices.failures],
      size: 0,
      track_total_hits: true,
      query: { term: { runId } },
      aggs: {
        statusClasses: {
          range: { field: 'delivery.status', keyed: false, ranges: STATUS_CLASSES.map((key) => ({ key, ...statusClassRange(key) })) },
        },
        noAnswer: { missing: { field: 'delivery.status' } },
        latency: { percentiles: { field: 'delivery.latencyMs', percents: [50, 95], keyed: false } },
      },
    });
    const { statusClasses, noAnswer, latency } = response.aggregations as DeliveryAggregations;
    const byStatusClass = Object.fromEntries(STATUS_CLASSES.map((key) => [key, 0])) as Record<StatusClass, number>;
    for (const bucket of statusClasses.buckets as estypes.AggregationsRangeBucket[]) {
      byStatusClass[bucket.key as StatusClass] = bucket.doc_count;
    }
    const percentiles = latency.values as estypes.AggregationsArrayPercentilesItem[];
    const [p50, p95] = percentiles.map((item) => item.value);
    const total = response.hits.total;
    return {
      total: typeof total === 'number' ? total : (total?.value ?? 0),
      byStatusClass,
      noAnswer: noAnswer.doc_count,
      latencyMs: typeof p50 === 'number' && typeof p95 === 'number' ? { p50, p95 } : null,
    };
  }

  /** A run's stored results by seq, `size` at a time after the seq in `cursor`, and how many match the filters. */
  async listResults(runId: string, size: number, cursor: number | undefined, filters: ResultQueryFilters): Promise<ResultPage> {
    const { seqFrom, seqTo, workerId } = filters;
    const response = await this.es.client.search<JobDocument>({
      index: this.es.indices.jobs,
      size,
      query: {
        bool: {
          filter: [
            { term: { runId } },
            ...(seqFrom === undefined && seqTo === undefined ? [] : [{ range: { seq: { gte: seqFrom, lte: seqTo } } }]),
            ...(workerId === undefined ? [] : [{ term: { workerId } }]),
          ],
        },
      },
      sort: [{ seq: 'asc' }],
      search_after: cursor === undefined ? undefined : [cursor],
      // The total counts every match, not only those after the cursor, and exactly (the default stops at 10,000).
      track_total_hits: true,
    });
    const items = response.hits.hits.map((hit) => hit._source as JobDocument);
    const total = response.hits.total;
    return {
      items,
      total: typeof total === 'number' ? total : (total?.value ?? 0),
      nextCursor: items.length === size ? String(items[items.length - 1].seq) : null,
    };
  }
}
