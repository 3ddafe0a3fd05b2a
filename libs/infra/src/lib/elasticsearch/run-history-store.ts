import type { RunSample } from '@app/contracts';
import type { ElasticsearchConnection } from './elasticsearch.connection';
import { searchAll } from './search-all';

/** Samples read per round trip. */
const READ_PAGE_SIZE = 5_000;

/**
 * Runs' rate history in the `runHistory` index, one sample a second under `_id = runId:epochSecond`: a
 * second sampled twice (a retry, two schedulers that both think they lead) is still one sample.
 */
export class RunHistoryStore {
  constructor(private readonly es: ElasticsearchConnection) {}

  /** Writes the samples in one bulk request; throws when any was refused. */
  async append(samples: readonly RunSample[]): Promise<void> {
    if (samples.length === 0) return;
    const index = this.es.indices.runHistory;
    const operations = samples.flatMap((sample) => [{ index: { _index: index, _id: sampleId(sample) } }, sample]);
    // Samples are best-effort and the next second brings another: no retries inside the client.
    const response = await this.es.client.bulk({ operations }, { maxRetries: 0 });
    const failed = response.items.find((item) => item.index?.error);
    if (failed) throw new Error(`storing rate history failed: ${failed.index?.error?.reason}`);
  }

  /** Every sample of a run, oldest first. */
  async read(runId: string): Promise<RunSample[]> {
    return searchAll<RunSample>(
      this.es.client,
      { index: this.es.indices.runHistory, query: { term: { runId } }, sort: [{ at: 'asc' }] },
      READ_PAGE_SIZE,
    );
  }
}

const sampleId = (sample: RunSample): string => `${sample.runId}:${Math.floor(Date.parse(sample.at) / 1000)}`;
