/** How the indices the platform creates are laid out: `ELASTICSEARCH_SHARDS` and `ELASTICSEARCH_REPLICAS`. */
export interface IndexLayout {
  /** Primary shards: fixed once the index exists. */
  shards: number;
  /** Copies of each primary on other nodes: changeable on a live index, Elasticsearch adds or drops them. */
  replicas: number;
}

/** What start-up does to an index that already exists and is not laid out as configured. */
export interface IndexLayoutChange {
  /** The replicas to set in place, or null when the index has the configured number already. */
  replicas: number | null;
  /** A warning naming the index when its primary shards differ from the configured number (it keeps its own). */
  shardWarning: string | null;
}

/** Compares an existing index's layout (`current`) with the configured one (`wanted`). */
export function indexLayoutChange(index: string, current: IndexLayout, wanted: IndexLayout): IndexLayoutChange {
  return {
    replicas: current.replicas === wanted.replicas ? null : wanted.replicas,
    shardWarning:
      current.shards === wanted.shards
        ? null
        : `index ${index} has ${current.shards} primary shard(s), not the ${wanted.shards} of ELASTICSEARCH_SHARDS: ` +
          `an existing index keeps its shards, so it stays at ${current.shards} (to change them, reindex it into a new index ` +
          `or delete it, then start again)`,
  };
}
