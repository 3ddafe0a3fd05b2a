import type { RunDocument } from '@app/contracts';
import { GroupedCalls, toRunDocument, type RunState } from '@app/domain';
import type { ElasticsearchConnection } from './elasticsearch.connection';
import { searchAll } from './search-all';

/** Runs read per round trip when reading them all. */
const READ_PAGE_SIZE = 1_000;

/** A run waiting to be written durably, and whoever waits for it. */
interface PendingSave {
  run: RunState;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The durable record of runs in the `runs` index. Each write is versioned by the run's `updatedAt`
 * (external versioning), so an older snapshot arriving late never overwrites a newer one.
 */
export class RunArchive {
  /**
   * Single saves made while one is in flight go together in the next bulk request (a group commit): one request and
   * one translog sync for the runs created in the same moment, instead of one each; a save alone goes at once.
   */
  private readonly saves = new GroupedCalls<PendingSave>((pending) => this.writeSaves(pending), 0);

  constructor(private readonly es: ElasticsearchConnection) {}

  /** Writes one run durably (acknowledged once in the translog), e.g. before its creation is answered. */
  save(run: RunState): Promise<void> {
    return new Promise((resolve, reject) => this.saves.add({ run, resolve, reject }));
  }

  /** Writes many runs in one request; a snapshot older than the stored one is skipped. */
  async saveMany(runs: readonly RunState[]): Promise<void> {
    const failure = (await this.bulkIndex(runs)).find((reason) => reason !== null);
    if (failure) throw new Error(`archiving runs failed: ${failure}`);
  }

  /** Answers each save with its own item's outcome; a request that fails as a whole fails each. */
  private async writeSaves(pending: readonly PendingSave[]): Promise<void> {
    try {
      const failures = await this.bulkIndex(pending.map(({ run }) => run));
      pending.forEach(({ resolve, reject, run }, i) => {
        const reason = failures[i];
        if (reason === null) resolve();
        else reject(new Error(`archiving run ${run.id} failed: ${reason}`));
      });
    } catch (error) {
      for (const { reject } of pending) reject(error as Error);
    }
  }

  /** Indexes the runs in one bulk request: for each, null when written or skipped as older, else Elasticsearch's reason. */
  private async bulkIndex(runs: readonly RunState[]): Promise<(string | null)[]> {
    if (runs.length === 0) return [];
    const index = this.es.indices.runs;
    const operations = runs.flatMap((run) => [
      { index: { _index: index, _id: run.id, version: run.updatedAt, version_type: 'external_gte' as const } },
      toRunDocument(run),
    ]);
    const response = await this.es.client.bulk({ operations, filter_path: 'items.*.status,items.*.error.reason' });
    return response.items.map(({ index: item }) =>
      item?.error && item.status !== 409 ? (item.error.reason ?? `status ${item.status}`) : null,
    );
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
   * Ids of the archived runs over dataset `datasetId` that are still active (running or paused), at most `limit`:
   * deleting a dataset is refused while a run uses it.
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
