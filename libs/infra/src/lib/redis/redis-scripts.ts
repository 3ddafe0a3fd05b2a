/**
 * Counts stored results exactly once. KEYS: run hash, processed-seqs bitmap, per-second hash.
 * ARGV: epoch second, now (ms), change channel, run id, seq...
 * A seq whose bit is already set was counted before (a redelivery): it adds nothing.
 * Returns how many seqs were newly counted, or -1 when the run is unknown.
 */
export const COUNT_PROCESSED_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local added = 0
for i = 5, #ARGV do
  if redis.call('SETBIT', KEYS[2], ARGV[i], 1) == 0 then added = added + 1 end
end
if added == 0 then return 0 end
local processed = redis.call('HINCRBY', KEYS[1], 'processed', added)
redis.call('HINCRBY', KEYS[3], ARGV[1], added)
redis.call('EXPIRE', KEYS[3], 86400)
local failed = tonumber(redis.call('HGET', KEYS[1], 'failed') or '0')
local total = tonumber(redis.call('HGET', KEYS[1], 'total'))
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[2])
if processed + failed >= total and redis.call('HGET', KEYS[1], 'status') ~= 'completed' then
  redis.call('HSET', KEYS[1], 'status', 'completed', 'finishedAt', ARGV[2])
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return added
`;

/**
 * Raises a run's confirmed publish count (never lowers it). KEYS: run hash, active-runs set.
 * ARGV: published, now (ms), change channel, run id. A run fully published leaves the active set.
 */
export const RECORD_PUBLISHED_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'published') or '-1')
if current < 0 or tonumber(ARGV[1]) <= current then return 0 end
redis.call('HSET', KEYS[1], 'published', ARGV[1], 'updatedAt', ARGV[2])
if tonumber(ARGV[1]) >= tonumber(redis.call('HGET', KEYS[1], 'total')) then
  redis.call('SREM', KEYS[2], ARGV[4])
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;

/** Takes or renews a lease. KEYS: lease key. ARGV: holder id, ttl (ms). Returns 1 when held by the caller. */
export const ACQUIRE_LEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
`;

/** Releases a lease only if the caller holds it. KEYS: lease key. ARGV: holder id. */
export const RELEASE_LEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
