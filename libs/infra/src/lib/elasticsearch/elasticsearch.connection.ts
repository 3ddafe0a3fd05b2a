import { Logger } from '@nestjs/common';
import { Client, ClusterConnectionPool, errors } from '@elastic/elasticsearch';
import {
  DATASET_RECORDS_INDEX_MAPPINGS,
  DATASETS_INDEX_MAPPINGS,
  FAILURES_INDEX_MAPPINGS,
  JOBS_INDEX_MAPPINGS,
  RUN_HISTORY_INDEX_MAPPINGS,
  RUNS_INDEX_MAPPINGS,
  type ElasticsearchIndices,
  type ElasticsearchStatus,
} from '@app/contracts';
import { clusterNodes } from './cluster-nodes';
import { indexLayoutChange, type IndexLayout } from './index-layout';

const STARTUP_ATTEMPTS = 30;

/**
 * The process's Elasticsearch client, over every node it is given; creates the indices it needs, laid out as
 * configured, before anything uses them.
 */
export class ElasticsearchConnection {
  private readonly logger = new Logger(ElasticsearchConnection.name);

  private constructor(
    readonly client: Client,
    readonly indices: ElasticsearchIndices,
    private readonly layout: IndexLayout,
    /**
     * Retries that send a failed request once to each other node and no more, for callers that handle a failure
     * themselves (a worker's bulk write): a node gone is then no failure, and one node is never retried.
     */
    readonly failoverRetries: number,
  ) {}

  static async connect(nodes: readonly string[], indices: ElasticsearchIndices, layout: IndexLayout): Promise<ElasticsearchConnection> {
    // No sniffing: the nodes given are the ones used, as addresses the nodes publish of themselves may not be reachable
    // from here (a container's, a pod's). A request that could not reach a node (or got a 502, 503, 504) is sent to
    // the next. The cluster pool sets a failing node aside and pings it back in after a while (60 s, longer each time),
    // and while every node is aside it tries them all. Not the client's default (weighted) pool: once its weights
    // diverge, it answers "There are no living connections" without trying any node, and only a successful request
    // would restore them (elastic/elasticsearch-js#1714, open; Kibana moved to this pool for it; seen here in the cluster
    // fault suite: every worker's breaker held open with the three nodes up).
    const client = new Client({ nodes: [...nodes], ConnectionPool: ClusterConnectionPool, maxRetries: 3, requestTimeout: 30_000 });
    const connection = new ElasticsearchConnection(client, indices, layout, nodes.length - 1);
    await connection.waitUntilReachable();
    // Elasticsearch's default refresh (no interval set): every second while the index is searched, none while it is
    // not (a search after 30 s without one refreshes it first and waits), so that workers indexing at full speed with
    // nobody looking pay for no refreshes, and a search still sees everything stored before it.
    await connection.ensureIndex(indices.jobs, JOBS_INDEX_MAPPINGS, null);
    await connection.ensureIndex(indices.failures, FAILURES_INDEX_MAPPINGS);
    await connection.ensureIndex(indices.runs, RUNS_INDEX_MAPPINGS);
    await connection.ensureIndex(indices.runHistory, RUN_HISTORY_INDEX_MAPPINGS);
    await connection.ensureIndex(indices.datasets, DATASETS_INDEX_MAPPINGS);
    // Never refreshed on a timer: an upload's records are made searchable once, when its dataset is published (and
    // counted, when a failed one is removed), so that indexing a large upload is not slowed by periodic refreshes.
    await connection.ensureIndex(indices.datasetRecords, DATASET_RECORDS_INDEX_MAPPINGS, '-1');
    return connection;
  }

  async ping(): Promise<void> {
    await this.client.cluster.health({ timeout: '1s' });
  }

  /** The cluster's health, its nodes and the size of this installation's indices; `signal` abandons the requests. */
  async status(signal?: AbortSignal): Promise<ElasticsearchStatus> {
    const options = { signal, maxRetries: 0 };
    const names = Object.values(this.indices);
    const [health, members, indices] = await Promise.all([
      this.client.cluster.health({}, options),
      this.client.cat.nodes({ h: ['http_address', 'master'], format: 'json' }, options),
      this.client.cat.indices({ index: names, format: 'json', bytes: 'b' }, options),
    ]);
    // The client's pool holds the configured nodes (no sniffing), so a configured node that left the cluster shows.
    const configured = this.client.connectionPool.connections.map((connection) => connection.url);
    return {
      cluster: health.status,
      nodes: clusterNodes(members, configured),
      indices: indices
        .map((index) => ({ name: index.index ?? '', docs: Number(index['docs.count'] ?? 0), bytes: Number(index['store.size'] ?? 0) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async waitUntilReachable(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ping();
        return;
      } catch (error) {
        if (attempt >= STARTUP_ATTEMPTS) throw error;
        this.logger.warn(`elasticsearch not reachable (attempt ${attempt}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5_000)));
      }
    }
  }

  private async ensureIndex(
    index: string,
    mappings:
      | typeof JOBS_INDEX_MAPPINGS
      | typeof FAILURES_INDEX_MAPPINGS
      | typeof RUNS_INDEX_MAPPINGS
      | typeof RUN_HISTORY_INDEX_MAPPINGS
      | typeof DATASETS_INDEX_MAPPINGS
      | typeof DATASET_RECORDS_INDEX_MAPPINGS,
    /** null for Elasticsearch's default (1 s, skipped while the index is not searched). */
    refreshInterval: string | null = '1s',
  ): Promise<void> {
    if (await this.client.indices.exists({ index })) {
      const current = await this.layoutOf(index);
      const change = indexLayoutChange(index, current, this.layout);
      if (change.shardWarning !== null) this.logger.warn(change.shardWarning);
      // null resets an interval an older version set (the client's types want a duration, Elasticsearch takes null).
      // Replicas change on the live index: Elasticsearch copies the shards to (or drops them from) other nodes meanwhile.
      await this.client.indices.putSettings({
        index,
        settings: { refresh_interval: refreshInterval as string, ...(change.replicas !== null && { number_of_replicas: change.replicas }) },
      });
      if (change.replicas !== null) {
        this.logger.log(
          `index ${index}: replicas changed in place from ${current.replicas} to ${change.replicas} (ELASTICSEARCH_REPLICAS)`,
        );
      }
      return this.updateMapping(index, mappings.properties);
    }
    try {
      await this.client.indices.create({
        index,
        settings: {
          number_of_shards: this.layout.shards,
          number_of_replicas: this.layout.replicas,
          ...(refreshInterval !== null && { refresh_interval: refreshInterval }),
        },
        mappings,
      });
      this.logger.log(`created index ${index} (${this.layout.shards} shard(s), ${this.layout.replicas} replica(s))`);
    } catch (error) {
      // Another process created it between the check and the create.
      if (!(error as Error).message.includes('resource_already_exists_exception')) throw error;
    }
  }

  /** An existing index's primary shards and replicas, as its settings say. */
  private async layoutOf(index: string): Promise<IndexLayout> {
    const response = await this.client.indices.getSettings({ index, name: ['index.number_of_shards', 'index.number_of_replicas'] });
    const settings = response[index]?.settings?.index;
    return { shards: Number(settings?.number_of_shards), replicas: Number(settings?.number_of_replicas) };
  }

  /**
   * Adds the fields a newer version maps to an index an older one created. A field whose type changed cannot be
   * changed in place: that is said plainly, with the way out, instead of failing on every write later.
   */
  private async updateMapping(index: string, properties: Record<string, unknown>): Promise<void> {
    try {
      await this.client.indices.putMapping({ index, properties: properties as Record<string, never> });
    } catch (error) {
      throw new Error(
        `index ${index} was created by an older version with a mapping this one cannot extend (${refusalReason(error)}); ` +
          `reindex it into a new index or delete it (curl -X DELETE <elasticsearch>/${index}), then start again`,
      );
    }
  }
}

/** Elasticsearch's own one-line reason for refusing a request (its message adds the root causes on further lines). */
function refusalReason(error: unknown): string {
  const reason: unknown = error instanceof errors.ResponseError ? error.body?.error?.reason : undefined;
  return typeof reason === 'string' ? reason : (error as Error).message;
}
