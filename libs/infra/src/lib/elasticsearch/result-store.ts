import type { JobDocument } from '@app/contracts';
import { jobId } from '@app/contracts';
import type { ElasticsearchConnection } from './elasticsearch.connection';

export interface BulkStoreOutcome {
  /** Indexes (into the input array) of the documents that are durably stored. */
  stored: number[];
  /** Indexes of the documents that were not stored, with Elasticsearch's reason. */
  failed: { index: number; reason: string }[];
}

/** Job results in Elasticsearch, written idempotently under `_id = runId:seq`. */
export class ResultStore {
  constructor(private readonly es: ElasticsearchConnection) {}

  /** Indexes (overwrites) each document under its job id; a redelivered job rewrites the same document. */
  async storeMany(documents: readonly JobDocument[]): Promise<BulkStoreOutcome> {
    const index = this.es.indices.jobs;
    const operations = documents.flatMap((document) => [{ index: { _index: index, _id: jobId(document.runId, document.seq) } }, document]);
    const response = await this.es.client.bulk({ operations });
    const outcome: BulkStoreOutcome = { stored: [], failed: [] };
    response.items.forEach((item, i) => {
      const result = item.index;
      if (result && !result.error && result.status < 300) outcome.stored.push(i);
      else outcome.failed.push({ index: i, reason: result?.error?.reason ?? `status ${result?.status}` });
    });
    return outcome;
  }
}
