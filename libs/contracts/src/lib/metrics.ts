/** Prometheus metric names each service exports on `/metrics`: dashboards and alerts read them by these names. */
export const METRIC_NAMES = {
  schedulerJobsPublished: 'scheduler_jobs_published_total',
  workerJobsProcessed: 'worker_jobs_processed_total',
  workerJobsDuplicate: 'worker_jobs_duplicate_total',
  workerJobsRetried: 'worker_jobs_retried_total',
  workerJobsFailed: 'worker_jobs_failed_total',
  workerJobsDeadLettered: 'worker_jobs_dead_lettered_total',
  workerStorageCircuitOpen: 'worker_storage_circuit_open',
} as const;
