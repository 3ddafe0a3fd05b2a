/**
 * Every name that crosses a process boundary, derived from one namespace so that several
 * installations (or a test run) can share one Redis, RabbitMQ and Elasticsearch without meeting.
 */
export const DEFAULT_NAMESPACE = 'rr';

export interface AmqpNames {
  /** `connection_name` of this installation's connections, as the broker lists them (and a fault test closes them). */
  connectionName: string;
  jobsQueue: string;
  deadLetterExchange: string;
  /** Messages that cannot be attributed to a run (malformed, unknown run), with the reason in a header. */
  deadLetterQueue: string;
  /** Holds a failed job for `delayMs`, then dead-letters it back onto the jobs queue (a retry with backoff). */
  retryQueue: (delayMs: number) => string;
}

export const amqpNames = (ns: string): AmqpNames => ({
  connectionName: `rate-runner ${ns}`,
  jobsQueue: `${ns}.jobs`,
  deadLetterExchange: `${ns}.jobs.dlx`,
  deadLetterQueue: `${ns}.jobs.dead`,
  retryQueue: (delayMs) => `${ns}.jobs.retry.${delayMs}ms`,
});

/** AMQP header that carries why a job was dead-lettered. */
export const DEAD_LETTER_REASON_HEADER = 'x-dead-letter-reason';

export interface RedisKeys {
  /** Hash: a run's definition, status and counters. */
  run: (runId: string) => string;
  /** Bitmap: bit `seq` set once the seq's result is stored and counted. */
  runProcessedSeqs: (runId: string) => string;
  /** Bitmap: bit `seq` set once the seq is counted as failed. */
  runFailedSeqs: (runId: string) => string;
  /** Hash: epoch second -> records processed in that second (achieved rate, rate history). */
  runProcessedPerSecond: (runId: string) => string;
  /**
   * String, with a time to live: why an `http` run's endpoint asked for less (a 429, a 5xx, timeouts), set by a
   * worker for as long as it asked (its `Retry-After`); the scheduler holds the run back while it exists.
   */
  runDestinationPushback: (runId: string) => string;
  /**
   * String, with a time to live: held by the scheduler sending a run's completion callback (value: its id) while the
   * attempt is in flight, then for the backoff before the next one, so no two attempts overlap or come early.
   */
  runNotificationClaim: (runId: string) => string;
  /** Sorted set of run ids by creation time (newest-first listing). */
  runsByCreation: string;
  /** Set of run ids the scheduler still publishes for. */
  activeRuns: string;
  /** Lease held by the scheduler instance that publishes (value: its fencing token). */
  schedulerLeader: string;
  /** Counter from which each new scheduler lease takes its fencing epoch. */
  schedulerLeaderEpoch: string;
  /** Pub/sub channel: a run's counters or status changed (payload: run id). */
  runChangedChannel: string;
  /**
   * String: the replication id (`master_replid`) of the Redis the hot state was built on; every script that counts,
   * claims or saves checks it against the server's own. Missing after Redis lost its data (or on a first start), and
   * stale after a failover (a promoted replica has a new id, and may lack the last writes): workers then count
   * nothing and the scheduler rebuilds the state from Elasticsearch before setting it again.
   */
  stateReady: string;
  /** Held by the one scheduler rebuilding the state, so that two never rebuild at once. */
  stateRebuildLock: string;
  /** Hash: worker id -> its latest heartbeat (a `WorkerStatus` as JSON). */
  workers: string;
}

/**
 * A run's keys all share the hash tag `{runId}`, so that on Redis Cluster they sit in one slot and the scripts that
 * take several of them (counting takes the hash and both bitmaps) run there. ARCHITECTURE.md says what else Cluster
 * would need.
 */
const runKeyPrefix = (ns: string, runId: string): string => `${ns}:run:{${runId}}`;

export const redisKeys = (ns: string): RedisKeys => ({
  run: (runId) => runKeyPrefix(ns, runId),
  runProcessedSeqs: (runId) => `${runKeyPrefix(ns, runId)}:processed-seqs`,
  runFailedSeqs: (runId) => `${runKeyPrefix(ns, runId)}:failed-seqs`,
  runProcessedPerSecond: (runId) => `${runKeyPrefix(ns, runId)}:processed-per-second`,
  runDestinationPushback: (runId) => `${runKeyPrefix(ns, runId)}:destination-pushback`,
  runNotificationClaim: (runId) => `${runKeyPrefix(ns, runId)}:notification-claim`,
  runsByCreation: `${ns}:runs:by-creation`,
  activeRuns: `${ns}:runs:active`,
  schedulerLeader: `${ns}:scheduler:leader`,
  schedulerLeaderEpoch: `${ns}:scheduler:leader-epoch`,
  runChangedChannel: `${ns}:run-changed`,
  stateReady: `${ns}:state-ready`,
  stateRebuildLock: `${ns}:state-rebuild-lock`,
  workers: `${ns}:workers`,
});

export interface ElasticsearchIndices {
  jobs: string;
  runs: string;
  /** A run's dead letters: jobs that failed every attempt, `_id` = `runId:seq`. */
  failures: string;
  /** A run's time series: one `RunSample` a second, `_id` = `runId:epochSecond`. */
  runHistory: string;
  /** A dataset's metadata, `_id` = dataset id, written once all its records are stored. */
  datasets: string;
  /** Every dataset's records, `_id` = `datasetId:seq`. */
  datasetRecords: string;
}

export const elasticsearchIndices = (prefix: string): ElasticsearchIndices => ({
  jobs: `${prefix}jobs`,
  runs: `${prefix}runs`,
  failures: `${prefix}failures`,
  runHistory: `${prefix}run-history`,
  datasets: `${prefix}datasets`,
  datasetRecords: `${prefix}dataset-records`,
});
