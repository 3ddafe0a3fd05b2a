/**
 * Field names of a run's hash in Redis (`redisKeys(ns).run(id)`), which the api, the schedulers, the workers and
 * their Lua scripts all read and write: one name per field, here. Times are epoch milliseconds; an absent value
 * (a null) is stored as the empty string.
 */
export const RUN_HASH_FIELDS = {
  id: 'id',
  status: 'status',
  total: 'total',
  processor: 'processor',
  datasetId: 'datasetId',
  /** JSON of the `HttpTarget`. */
  target: 'target',
  secret: 'secret',
  rounds: 'rounds',
  /** JSON of the `RunNotification`. */
  notify: 'notify',
  ratePerMinute: 'ratePerMinute',
  paceAccrued: 'paceAccrued',
  paceSince: 'paceSince',
  /** Highest seq a scheduler has claimed for publishing. */
  reserved: 'reserved',
  published: 'published',
  processed: 'processed',
  failed: 'failed',
  throttleReason: 'throttleReason',
  /** Bumped by every change of definition, schedule or status: the compare-and-set guard. */
  revision: 'revision',
  createdAt: 'createdAt',
  startedAt: 'startedAt',
  updatedAt: 'updatedAt',
  finishedAt: 'finishedAt',
} as const;

export type RunHashField = (typeof RUN_HASH_FIELDS)[keyof typeof RUN_HASH_FIELDS];
