import type { RunDocument } from '@app/contracts';
import type { RunState } from '@app/domain';
import type { ElasticsearchConnection } from './elasticsearch.connection';

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
        document: toDocument(run),
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
      toDocument(run),
    ]);
    const response = await this.es.client.bulk({ operations });
    const failed = response.items.find((item) => item.index?.error && item.index.status !== 409);
    if (failed) throw new Error(`archiving runs failed: ${failed.index?.error?.reason}`);
  }

  /** Every archived run, oldest first. */
  async all(): Promise<RunDocument[]> {
    await this.es.client.indices.refresh({ index: this.es.indices.runs });
    const runs: RunDocument[] = [];
    let after: string[] | undefined;
    for (;;) {
      const page = await this.es.client.search<RunDocument>({
        index: this.es.indices.runs,
        size: 1_000,
        sort: [{ id: 'asc' }],
        search_after: after,
      });
      for (const hit of page.hits.hits) runs.push(hit._source as RunDocument);
      if (page.hits.hits.length < 1_000) return runs;
      after = page.hits.hits[page.hits.hits.length - 1].sort as string[];
    }
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

/** The run as last archived, in its hot shape: what answers reads while Redis is being rebuilt. */
export function stateOfDocument(record: RunDocument): RunState {
  const { ratePerMinute, paceAccrued, paceSince, ...rest } = record;
  return { ...rest, pace: { ratePerMinute, accrued: paceAccrued, since: paceSince } };
}

const isVersionConflict = (error: unknown): boolean => (error as { meta?: { statusCode?: number } }).meta?.statusCode === 409;

function toDocument(run: RunState): RunDocument {
  return {
    id: run.id,
    status: run.status,
    total: run.total,
    processor: run.processor,
    ratePerMinute: run.pace.ratePerMinute,
    paceAccrued: run.pace.accrued,
    paceSince: run.pace.since,
    reserved: run.reserved,
    published: run.published,
    processed: run.processed,
    failed: run.failed,
    throttleReason: run.throttleReason,
    revision: run.revision,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
  };
}
