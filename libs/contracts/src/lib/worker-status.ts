/** Every worker writes its heartbeat this often... */
export const WORKER_HEARTBEAT_MS = 1_000;
/** ...and counts as gone when its last one is older than this. */
export const WORKER_LIVENESS_MS = 5_000;

/** A worker id (`WORKER_ID`, by default `<host>-<pid>`), as a filter of results may name it. */
export const WORKER_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** A worker's caps per processor, from its configuration. */
export interface WorkerLimits {
  /** Requests the `http` processor has in flight at once over all runs (`HTTP_MAX_IN_FLIGHT`); each run's `concurrency` caps its own. */
  httpInFlight: number;
  /** Threads of the `hash` processor's pool (`HASH_POOL_THREADS`): records hashed at once. */
  hashThreads: number;
}

/** A live worker as `GET /api/workers` shows it (from the heartbeat each worker writes every second). */
export interface WorkerStatus {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  lastSeenAt: string;
  /** Jobs this worker stored and counted since it started. */
  processed: number;
  /** Jobs per minute it counted over its last heartbeat interval. */
  rate: number;
  /** False while its circuit around Elasticsearch is open and it takes no jobs. */
  storageAvailable: boolean;
  limits: WorkerLimits;
}
