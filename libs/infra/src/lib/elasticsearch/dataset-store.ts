import type { estypes } from '@elastic/elasticsearch';
import { datasetRecordId, isDatasetId, type DatasetDocument, type DatasetRecord, type DatasetRecordDocument } from '@app/contracts';
import type { ElasticsearchConnection } from './elasticsearch.connection';
import { searchPages } from './search-all';

/** Attempts of a bulk item Elasticsearch refused for the moment (429: its write queue is full) before giving up. */
const BULK_ATTEMPTS = 5;
/** Searches for records left after deleting a dataset's seqs by id, each followed by a bulk delete, before giving up. */
const DISCARD_ATTEMPTS = 5;
/** How long a snapshot's point in time is kept between two pages. */
const SNAPSHOT_KEEP_ALIVE = '2m';
/** Records deleted per bulk request, and ids read per search while looking for any left. */
const DELETE_BATCH = 10_000;

/** Why a snapshot could not be taken: the index expression matched nothing, names this installation's own index, or the query is bad. */
export class DatasetSourceError extends Error {
  constructor(
    readonly reason: 'unknown-index' | 'own-index' | 'bad-query',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Datasets in Elasticsearch: each record under `_id = datasetId:seq` in the records index (the record itself kept
 * and not indexed), and the dataset's metadata in the datasets index, written only once every record is stored, so
 * that an upload under way, or one that failed, is never listed. The api writes them; whoever publishes a run's jobs
 * reads their records (`RunRecords`).
 */
export class DatasetStore {
  constructor(private readonly es: ElasticsearchConnection) {}

  /**
   * Stores records `firstSeq`, `firstSeq + 1`... in one bulk request, retrying the items Elasticsearch pushed back
   * (429) with backoff; resolves once every one is stored (idempotent: a retry rewrites the same `_id`).
   */
  async storeRecords(datasetId: string, firstSeq: number, records: readonly Record<string, unknown>[]): Promise<void> {
    // The id is written into the request as it is: make sure it needs no escaping.
    if (!isDatasetId(datasetId)) throw new Error(`not a dataset id: ${datasetId}`);
    const index = this.es.indices.datasetRecords;
    let pending = records.map((record, i) => ({ seq: firstSeq + i, record }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      const response = await this.es.client.bulk({
        // The body as NDJSON text (the client sends a string as it is, though its types want the operations); each
        // item's status and error, when it has one, in the answer: not the rest of each item (a tenth of its size).
        index,
        operations: bulkBody(datasetId, pending) as unknown as unknown[],
        filter_path: ['errors', 'items.*.status', 'items.*.error'],
      });
      if (!response.errors) return;
      const retry: typeof pending = [];
      response.items.forEach((item, i) => {
        const result = item.index;
        if (!result?.error) return;
        if (result.status !== 429 || attempt >= BULK_ATTEMPTS) {
          throw new Error(`storing record ${pending[i].seq} of dataset ${datasetId} failed: ${result.error.reason ?? result.error.type}`);
        }
        retry.push(pending[i]);
      });
      pending = retry;
      await sleep(100 * 2 ** attempt);
    }
  }

  /** Makes a dataset's stored records searchable, then writes its metadata (searchable at once): the dataset exists from then on. */
  async publish(dataset: DatasetDocument): Promise<void> {
    await this.es.client.indices.refresh({ index: this.es.indices.datasetRecords });
    await this.es.client.index({ index: this.es.indices.datasets, id: dataset.id, document: dataset, op_type: 'create', refresh: true });
  }

  async get(datasetId: string): Promise<DatasetDocument | null> {
    try {
      return (await this.es.client.get<DatasetDocument>({ index: this.es.indices.datasets, id: datasetId }))._source ?? null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Datasets newest first (ids sort by creation), `limit` of them after the id in `cursor`. */
  async list(limit: number, cursor?: string): Promise<DatasetDocument[]> {
    const response = await this.es.client.search<DatasetDocument>({
      index: this.es.indices.datasets,
      size: limit,
      sort: [{ id: 'desc' }],
      search_after: cursor === undefined ? undefined : [cursor],
    });
    return response.hits.hits.map((hit) => hit._source as DatasetDocument);
  }

  /** Up to `size` records of a dataset by seq, from `fromSeq` on (seqs have no gaps: `fromSeq` .. `fromSeq + size - 1`). */
  async recordsFrom(datasetId: string, fromSeq: number, size: number): Promise<DatasetRecord[]> {
    const response = await this.es.client.search<DatasetRecordDocument>({
      index: this.es.indices.datasetRecords,
      size,
      query: { bool: { filter: [{ term: { datasetId } }, { range: { seq: { gte: fromSeq, lt: fromSeq + size } } }] } },
      sort: [{ seq: 'asc' }],
    });
    return response.hits.hits.map((hit) => {
      const { seq, record } = hit._source as DatasetRecordDocument;
      return { seq, record };
    });
  }

  /**
   * Removes a dataset of `records` records: its metadata first (from then on it is neither listed nor found), then
   * its records.
   */
  async delete(datasetId: string, records: number): Promise<void> {
    try {
      await this.es.client.delete({ index: this.es.indices.datasets, id: datasetId, refresh: true });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    await this.deleteRecords(datasetId, records);
  }

  /**
   * Removes every record stored for `datasetId` (an upload that failed, before any metadata was written: seqs up
   * to `upTo` may have been stored) and checks that none is left; throws when some still are after several attempts.
   */
  async discardRecords(datasetId: string, upTo: number): Promise<void> {
    await this.deleteRecords(datasetId, upTo);
  }

  /** How many records of `datasetId` are stored (after a refresh, so the count includes the latest writes). */
  async countRecords(datasetId: string): Promise<number> {
    await this.es.client.indices.refresh({ index: this.es.indices.datasetRecords });
    return (await this.es.client.count({ index: this.es.indices.datasetRecords, query: { term: { datasetId } } })).count;
  }

  /**
   * The `_source` of every document of `index` (an index, alias or pattern) that matches `query`, `pageSize` at a
   * time, read from one point in time sorted by `_shard_doc`: the same documents in the same order however the
   * index changes meanwhile. Throws `DatasetSourceError` when the expression matches no index, names one of this
   * installation's own indices, or the query is bad (with Elasticsearch's reason), before yielding anything.
   */
  async *snapshot(index: string, query: Record<string, unknown> | undefined, pageSize: number): AsyncGenerator<Record<string, unknown>[]> {
    await this.checkSource(index);
    const pages = searchPages<Record<string, unknown>>(
      this.es.client,
      { query: query as estypes.QueryDslQueryContainer | undefined, sort: [{ _shard_doc: 'asc' }], track_total_hits: false },
      pageSize,
      { index, keepAlive: SNAPSHOT_KEEP_ALIVE },
    );
    try {
      for await (const hits of pages) {
        yield hits.map((hit) => {
          if (hit._source === undefined)
            throw new DatasetSourceError('bad-query', `index ${hit._index} does not keep its documents' _source`);
          return hit._source;
        });
      }
    } catch (error) {
      if (statusOf(error) === 400) throw new DatasetSourceError('bad-query', `query is not valid: ${reasonOf(error)}`);
      throw error;
    }
  }

  /** Whether `index` resolves to at least one index, none of them this installation's own. */
  private async checkSource(index: string): Promise<void> {
    let resolved: estypes.IndicesResolveIndexResponse;
    try {
      resolved = await this.es.client.indices.resolveIndex({ name: index });
    } catch (error) {
      if (statusOf(error) === 404) throw new DatasetSourceError('unknown-index', `no index matches ${index}`);
      if (statusOf(error) === 400) throw new DatasetSourceError('bad-query', `index is not valid: ${reasonOf(error)}`);
      throw error;
    }
    const concrete = [
      ...resolved.indices.map((item) => item.name),
      ...resolved.aliases.flatMap((item) => listOf(item.indices)),
      ...resolved.data_streams.flatMap((item) => listOf(item.backing_indices)),
    ];
    if (concrete.length === 0) throw new DatasetSourceError('unknown-index', `no index matches ${index}`);
    const own = new Set(Object.values(this.es.indices));
    const owned = concrete.find((name) => own.has(name));
    if (owned) {
      const what = owned === index ? `${index} is` : `${index} includes ${owned},`;
      throw new DatasetSourceError('own-index', `${what} an index of this installation: it cannot be a dataset's source`);
    }
  }

  /**
   * Deletes seqs 1..`upTo` by id in bulk (their ids are known), then whatever a search by `datasetId` still finds,
   * until a count after a refresh finds none. Bulk deletes by id, not `_delete_by_query`: that needs the reindex
   * module, which a minimal Elasticsearch does not have.
   */
  private async deleteRecords(datasetId: string, upTo: number): Promise<void> {
    const index = this.es.indices.datasetRecords;
    for (let first = 1; first <= upTo; first += DELETE_BATCH) {
      const last = Math.min(upTo, first + DELETE_BATCH - 1);
      const ids = Array.from({ length: last - first + 1 }, (_, i) => datasetRecordId(datasetId, first + i));
      await this.deleteIds(ids);
    }
    for (let attempt = 1; ; attempt++) {
      if ((await this.countRecords(datasetId)) === 0) return;
      if (attempt > DISCARD_ATTEMPTS) throw new Error(`records of dataset ${datasetId} are still stored after ${attempt - 1} searches`);
      const left = await this.es.client.search({ index, size: DELETE_BATCH, _source: false, query: { term: { datasetId } } });
      await this.deleteIds(left.hits.hits.map((hit) => hit._id as string));
    }
  }

  private async deleteIds(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const index = this.es.indices.datasetRecords;
    const response = await this.es.client.bulk({ operations: ids.map((id) => ({ delete: { _index: index, _id: id } })) });
    const failed = response.items.find((item) => item.delete?.error);
    if (failed) throw new Error(`deleting dataset records failed: ${failed.delete?.error?.reason ?? failed.delete?.error?.type}`);
  }
}

/**
 * The NDJSON of a bulk request that indexes each record as a `DatasetRecordDocument` under `datasetId:seq`, written
 * out directly: only the record itself goes through `JSON.stringify` (a dataset id is letters and digits).
 */
function bulkBody(datasetId: string, records: readonly { seq: number; record: Record<string, unknown> }[]): string {
  let body = '';
  for (const { seq, record } of records) {
    body += `{"index":{"_id":"${datasetRecordId(datasetId, seq)}"}}\n{"datasetId":"${datasetId}","seq":${seq},"record":${JSON.stringify(record)}}\n`;
  }
  return body;
}

const listOf = (names: string | string[]): string[] => (Array.isArray(names) ? names : [names]);

const statusOf = (error: unknown): number | undefined => (error as { meta?: { statusCode?: number } }).meta?.statusCode;

/** Elasticsearch's own explanation of a refused request (its first root cause), else the client's message. */
function reasonOf(error: unknown): string {
  const body = (error as { meta?: { body?: { error?: { reason?: string; root_cause?: { reason?: string }[] } } } }).meta?.body;
  return body?.error?.root_cause?.[0]?.reason ?? body?.error?.reason ?? (error as Error).message;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
