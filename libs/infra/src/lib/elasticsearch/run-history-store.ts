import type { RunSample } from '@app/contracts';
import type { ElasticsearchConnection } from './elasticsearch.connection';

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
    const samples: RunSample[] = [];
    let after: number[] | undefined;
    for (;;) {
      const page = await this.es.client.search<RunSample>({
        index: this.es.indices.runHistory,
        size: READ_PAGE_SIZE,
        query: { term: { runId } },
        sort: [{ at: 'asc' }],
        search_after: after,
      });
      for (const hit of page.hits.hits) samples.push(hit._source as RunSample);
      if (page.hits.hits.length < READ_PAGE_SIZE) return samples;
      after = page.hits.hits[page.hits.hits.length - 1].sort as number[];
    }
  }
}

const sampleId = (sample: RunSample): string => `${sample.runId}:${Math.floor(Date.parse(sample.at) / 1000)}`;
