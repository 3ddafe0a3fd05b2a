import type { RunDocument } from '@app/contracts';
import { toRunDocument, type RunState } from '@app/domain';
import type { ElasticsearchConnection } from './elasticsearch.connection';
import { searchAll } from './search-all';

/** Runs read per round trip when reading them all. */
const READ_PAGE_SIZE = 1_000;

/**
 * The durable record of runs in the `runs` index. Each write is versioned by the run's `updatedAt`
 * (external versioning), so an older snapshot arriving late never overwrites a newer one.
 */
export class RunArchive {
  constructor(private readonly es: ElasticsearchConnection) {}

  /** Writes one run durably (acknowledged once in the translog), e.g. before its creation is answered. */
  async save(run: RunState): Promise<void> {
    try {
      await this.es.client.index({
        index: this.es.indices.runs,
        id: run.id,
        document: toRunDocument(run),
        version: run.updatedAt,
        version_type: 'external_gte',
      });
    } catch (error) {
      if (!isVersionConflict(error)) throw error;
    }
  }

  /** Writes many runs in one request; a snapshot older than the stored one is skipped. */
  async saveMany(runs: readonly RunState[]): Promise<void> {
    if (runs.length === 0) return;
    const index = this.es.indices.runs;
    const operations = runs.flatMap((run) => [
      { index: { _index: index, _id: run.id, version: run.updatedAt, version_type: 'external_gte' as const } },
      toRunDocument(run),
    ]);
    const response = await this.es.client.bulk({ operations });
    const failed = response.items.find((item) => item.index?.error && item.index.status !== 409);
    if (failed) throw new Error(`archiving runs failed: ${failed.index?.error?.reason}`);
  }

  /** Every archived run, oldest first. */
  async all(): Promise<RunDocument[]> {
    await this.es.client.indices.refresh({ index: this.es.indices.runs });
    return searchAll<RunDocument>(this.es.client, { index: this.es.indices.runs, sort: [{ id: 'asc' }] }, READ_PAGE_SIZE);
  }

  /**
   * Ids of the runs whose completion callback is still pending as last archived, whatever their status: every run
   * with `notify` is archived at creation, and only the notifier's own record of the outcome moves it on, so this
   * finds every callback still owed, including those no running scheduler saw end. The hot state says which are due.
   */
  async pendingNotificationRunIds(): Promise<string[]> {
    const runs = await searchAll<Pick<RunDocument, 'id'>>(
      this.es.client,
      { index: this.es.indices.runs, _source: ['id'], query: { term: { 'notify.status': 'pending' } }, sort: [{ id: 'asc' }] },
      READ_PAGE_SIZE,
    );
    return runs.map((run) => run.id);
  }

  /**
   * Ids of the archived runs over dataset `datasetId` that are still active (running or paused), at most `limit`.
   * Runs do not carry a `datasetId` yet (the `runs` mapping has no such field, so this finds none): it is the
   * seam through which deleting a dataset will be refused while a run uses it.
   */
  async activeRunIdsUsing(datasetId: string, limit = 10): Promise<string[]> {
    await this.es.client.indices.refresh({ index: this.es.indices.runs });
    const response = await this.es.client.search<Pick<RunDocument, 'id'>>({
      index: this.es.indices.runs,
      size: limit,
      _source: ['id'],
      query: { bool: { filter: [{ term: { datasetId } }, { terms: { status: ['running', 'paused'] } }] } },
    });
    return response.hits.hits.map((hit) => hit._source?.id ?? hit._id ?? '');
  }

  async get(runId: string): Promise<RunDocument | null> {
    try {
      return (await this.es.client.get<RunDocument>({ index: this.es.indices.runs, id: runId }))._source ?? null;
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return null;
      throw error;
    }
  }
}

const isVersionConflict = (error: unknown): boolean => (error as { meta?: { statusCode?: number } }).meta?.statusCode === 409;
