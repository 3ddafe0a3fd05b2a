import { RUN_HASH_FIELDS as F } from '@app/contracts';

/*
 * Lua scripts: each runs atomically in Redis, which is what makes counting, claiming and
 * compare-and-set safe across any number of api, scheduler and worker instances. The run hash's
 * field names are the contract's, interpolated.
 */

/**
 * Whether the hot state may be acted on: the state-ready marker holds this server's own replication id. A Redis that
 * lost its data has no marker; a replica promoted by a failover has a new id (and may lack the old master's last
 * writes, replication being asynchronous), so the marker it inherited no longer matches. Either way the state is
 * rebuilt from Elasticsearch first (ARCHITECTURE.md, "Redis failover"). Read inside each script, so that no count,
 * claim or save can slip in between a check and the write.
 */
const STATE_READY = `
local function stateReady(markerKey)
  local marker = redis.call('GET', markerKey)
  return marker and marker == string.match(redis.call('INFO', 'replication'), 'master_replid:(%x+)')
end
`;

/** 1 when the hot state may be acted on (`stateReady`), else 0. KEYS: state-ready marker. */
export const IS_STATE_READY_SCRIPT = `${STATE_READY}
if stateReady(KEYS[1]) then return 1 end
return 0
`;

/** Marks the hot state ready on this server (its replication id) and lets go of the rebuild lock. KEYS: marker, lock. */
export const MARK_STATE_READY_SCRIPT = `
local replid = string.match(redis.call('INFO', 'replication'), 'master_replid:(%x+)')
redis.call('SET', KEYS[1], replid)
redis.call('DEL', KEYS[2])
return replid
`;

/**
 * Completes a run whose every record is processed or failed; shared by the counting scripts. Completing
 * bumps the revision, so that a concurrent compare-and-set from the api re-reads instead of undoing it.
 */
const COMPLETE_IF_DONE = `
local function completeIfDone(runKey, now)
  local run = redis.call('HMGET', runKey, '${F.status}', '${F.total}', '${F.processed}', '${F.failed}')
  if (run[1] == 'running' or run[1] == 'paused') and tonumber(run[3]) + tonumber(run[4]) >= tonumber(run[2]) then
    redis.call('HSET', runKey, '${F.status}', 'completed', '${F.finishedAt}', now, '${F.throttleReason}', '')
    redis.call('HINCRBY', runKey, '${F.revision}', 1)
  end
end
`;

/**
 * Counts stored results exactly once. KEYS: run hash, processed-seqs bitmap, failed-seqs bitmap, per-second hash,
 * state-ready marker.
 * ARGV: epoch second, now (ms), change channel, run id, seq...
 * A seq whose processed bit is already set was counted before (a redelivery): it adds nothing. A seq that
 * was counted as failed (a replayed dead letter) moves from failed to processed.
 * Returns { newly counted, seqs moved from failed... }, { -1 } when the run is unknown, or { -2 } while the
 * state is not ready (Redis lost its data, or failed over, and the bitmaps are being rebuilt: nothing may be counted).
 */
export const COUNT_PROCESSED_SCRIPT = `${STATE_READY}${COMPLETE_IF_DONE}
if not stateReady(KEYS[5]) then return { -2 } end
if redis.call('EXISTS', KEYS[1]) == 0 then return { -1 } end
local added = 0
local moved = {}
for i = 5, #ARGV do
  if redis.call('SETBIT', KEYS[2], ARGV[i], 1) == 0 then
    added = added + 1
    if redis.call('SETBIT', KEYS[3], ARGV[i], 0) == 1 then moved[#moved + 1] = tonumber(ARGV[i]) end
  end
end
if added == 0 then return { 0 } end
redis.call('HINCRBY', KEYS[1], '${F.processed}', added)
if #moved > 0 then redis.call('HINCRBY', KEYS[1], '${F.failed}', -#moved) end
redis.call('HINCRBY', KEYS[4], ARGV[1], added)
redis.call('EXPIRE', KEYS[4], 86400)
redis.call('HSET', KEYS[1], '${F.updatedAt}', ARGV[2])
completeIfDone(KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return { added, unpack(moved) }
`;

/**
 * Counts dead letters exactly once. KEYS: run hash, processed-seqs bitmap, failed-seqs bitmap, state-ready marker.
 * ARGV: now (ms), change channel, run id, seq...
 * A seq already processed (another delivery of it succeeded) or already counted as failed adds nothing.
 * Returns how many seqs were newly counted as failed, -1 when the run is unknown, -2 while the state is not ready.
 */
export const COUNT_FAILED_SCRIPT = `${STATE_READY}${COMPLETE_IF_DONE}
if not stateReady(KEYS[4]) then return -2 end
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local added = 0
for i = 4, #ARGV do
  if redis.call('GETBIT', KEYS[2], ARGV[i]) == 0 and redis.call('SETBIT', KEYS[3], ARGV[i], 1) == 0 then added = added + 1 end
end
if added == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], '${F.failed}', added)
redis.call('HSET', KEYS[1], '${F.updatedAt}', ARGV[1])
completeIfDone(KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return added
`;

/**
 * Raises a run's confirmed publish count (never lowers it). KEYS: run hash, active-runs set.
 * ARGV: published, now (ms), change channel, run id. A run fully published leaves the active set.
 */
export const RECORD_PUBLISHED_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], '${F.published}') or '-1')
if current < 0 or tonumber(ARGV[1]) <= current then return 0 end
redis.call('HSET', KEYS[1], '${F.published}', ARGV[1], '${F.updatedAt}', ARGV[2])
if tonumber(ARGV[1]) >= tonumber(redis.call('HGET', KEYS[1], '${F.total}')) then
  redis.call('SREM', KEYS[2], ARGV[4])
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`;

/**
 * Compare-and-set of a run's definition, schedule and status; counters are never written here.
 * KEYS: run hash, active-runs set, state-ready marker. ARGV: expected revision, expected claim (`reserved`), now (ms),
 * change channel, run id, field, value...
 * Returns 1 when saved, 0 when the revision or the claim moved (re-read and retry: a schedule computed before a
 * scheduler's claim could count records it claimed as still to come), -1 when the new total is below the seqs
 * already claimed for publishing (checked here because schedulers claim without a revision), -2 while the state is
 * not ready (a save now could be undone by the rebuild).
 * A run left with every record processed or failed is completed here, for the same reason.
 */
export const SAVE_RUN_SCRIPT = `${STATE_READY}${COMPLETE_IF_DONE}
if not stateReady(KEYS[3]) then return -2 end
if redis.call('HGET', KEYS[1], '${F.revision}') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], '${F.reserved}') ~= ARGV[2] then return 0 end
for i = 6, #ARGV, 2 do
  if ARGV[i] == '${F.total}' then
    local published = tonumber(redis.call('HGET', KEYS[1], '${F.published}'))
    local reserved = tonumber(redis.call('HGET', KEYS[1], '${F.reserved}'))
    if tonumber(ARGV[i + 1]) < math.max(published, reserved) then return -1 end
  end
end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
redis.call('HINCRBY', KEYS[1], '${F.revision}', 1)
completeIfDone(KEYS[1], ARGV[3])
local run = redis.call('HMGET', KEYS[1], '${F.status}', '${F.total}', '${F.published}')
if (run[1] == 'running' or run[1] == 'paused') and tonumber(run[3]) < tonumber(run[2]) then
  redis.call('SADD', KEYS[2], ARGV[5])
else
  redis.call('SREM', KEYS[2], ARGV[5])
end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`;

/**
 * Claims seqs up to a count for publishing, for the scheduler holding the lease (fencing: a scheduler
 * that lost its lease, say after a long pause, can claim nothing) and only while the run is as the caller read it:
 * a count computed from a schedule the api has since changed is refused. KEYS: run hash, lease key, state-ready
 * marker. ARGV: lease token, wanted count, revision read. Returns the count claimed (capped at total), -1 when the run
 * is not running, -2 when the caller does not hold the lease, -3 when the run changed since it was read, -4 while the
 * state is not ready.
 */
export const RESERVE_SCRIPT = `${STATE_READY}
if not stateReady(KEYS[3]) then return -4 end
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return -2 end
local run = redis.call('HMGET', KEYS[1], '${F.status}', '${F.total}', '${F.reserved}', '${F.revision}')
if run[1] ~= 'running' then return -1 end
if run[4] ~= ARGV[3] then return -3 end
local upTo = math.min(tonumber(ARGV[2]), tonumber(run[2]))
if upTo > tonumber(run[3]) then redis.call('HSET', KEYS[1], '${F.reserved}', upTo) end
return upTo
`;

/**
 * Renews the caller's lease or takes a free one with a new fencing token (holder id and an epoch that
 * only grows). KEYS: lease key, epoch key. ARGV: current token (or ''), holder id, ttl (ms).
 * Returns the token held, or nil when another holder has the lease.
 */
export const ACQUIRE_LEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  if current ~= ARGV[1] then return false end
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return current
end
local token = ARGV[2] .. '#' .. redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[3])
return token
`;

/** Releases a lease only if the caller holds it. KEYS: lease key. ARGV: token. */
export const RELEASE_LEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Holds a run's notification claim for `ms` more, unless another holder has taken it since ours lapsed (then the
 * other's attempt goes on undisturbed). KEYS: claim key. ARGV: holder id, ms.
 */
export const HOLD_NOTIFICATION_CLAIM_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;
