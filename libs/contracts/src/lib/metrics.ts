/**
 * Prometheus metric names each service exports on `/metrics` (besides Node's defaults, such as
 * `nodejs_eventloop_lag_p99_seconds`): dashboards and alerts read them by these names.
 */
export const METRIC_NAMES = {
  /** api: request duration by method, route (its pattern, e.g. `/api/runs/:id`) and status. */
  apiHttpRequestSeconds: 'api_http_request_duration_seconds',
  /** api: Socket.IO clients connected to this instance. */
  apiLiveClients: 'api_live_clients',
  schedulerJobsPublished: 'scheduler_jobs_published_total',
  /** scheduler: 1 while this instance holds the leader lease. */
  schedulerLeader: 'scheduler_leader',
  /** scheduler (the leader): each active run's target rate, achieved rate and queued jobs, by `run`. */
  runTargetRate: 'run_target_rate_per_minute',
  runAchievedRate: 'run_achieved_rate_per_minute',
  runQueued: 'run_queued_jobs',
  /**
   * scheduler: the workers the active runs need (their target rates plus their queues worked off within
   * `AUTOSCALE_BACKLOG_SECONDS`, over one worker's rate), set by the leader, 0 on a standby: what an autoscaler
   * scales the workers on (`max()` over the schedulers; docs/kubernetes.md).
   */
  workersNeeded: 'scheduler_workers_needed',
  /** scheduler: the records a minute one worker is taken to sustain in that figure (measured, or assumed until then). */
  workerRateEstimate: 'scheduler_worker_rate_estimate_per_minute',
  /** scheduler: ready messages and consumers of each queue, by `queue`, read when scraped. */
  queueMessages: 'rabbitmq_queue_messages',
  queueConsumers: 'rabbitmq_queue_consumers',
  workerJobsProcessed: 'worker_jobs_processed_total',
  workerJobsDuplicate: 'worker_jobs_duplicate_total',
  workerJobsRetried: 'worker_jobs_retried_total',
  workerJobsFailed: 'worker_jobs_failed_total',
  workerJobsDeadLettered: 'worker_jobs_dead_lettered_total',
  workerStorageCircuitOpen: 'worker_storage_circuit_open',
  /** worker: one Elasticsearch bulk request storing a batch. */
  workerBulkStoreSeconds: 'worker_elasticsearch_bulk_seconds',
  /** worker: one count-once script call for a batch of one run. */
  workerCountScriptSeconds: 'worker_redis_count_script_seconds',
} as const;
