import { randomBytes } from 'node:crypto';
import { redisKeys } from '@app/contracts';
import { changeRate, newRun, type RunState } from '@app/domain';
import { SentinelRedis, waitFor } from '@app/testing';
import { HotState } from './hot-state';
import { LeaderLease } from './leader-lease';
import { PublishClaims } from './publish-claims';
import { RedisConnection } from './redis.connection';
import { RunCounters, StateNotReadyError } from './run-counters';
import { RunStore } from './run-store';

/*
 * A Sentinel failover that loses the old master's last write, played out on real servers (infra/redis-sentinel.sh on
 * ports of this spec's own): the replicas are cut off and stopped while a count lands on the master, the master is
 * killed, and the Sentinels promote a replica without it. Nothing may then count, claim or save until the state is
 * rebuilt. (The master may write alone here, min-replicas-to-write 0: with 1, as the script runs it by default, it
 * would refuse that count, which is the other half of the design.)
 */
const cluster = new SentinelRedis([6411, 6412, 6413], 0);
const keys = redisKeys(`it-failover-${randomBytes(3).toString('hex')}`);
const T0 = Date.now();

let redis: RedisConnection;
let hotState: HotState;
let runs: RunStore;
let counters: RunCounters;
let claims: PublishClaims;
let leaseToken: string;

beforeAll(async () => {
  await cluster.up();
  redis = await RedisConnection.connect({
    redisUrl: 'redis://127.0.0.1',
    redisSentinels: cluster.sentinels,
    redisMasterName: cluster.masterName,
  });
  hotState = new HotState(redis, keys);
  runs = new RunStore(redis, keys);
  counters = new RunCounters(redis, keys);
  const lease = new LeaderLease(redis, keys);
  claims = new PublishClaims(redis, keys, lease);
  leaseToken = (await lease.acquire(null, 'scheduler-test', 600_000)) ?? '';
}, 90_000);

afterAll(async () => {
  try {
    await redis?.close();
  } finally {
    await cluster.down();
  }
}, 60_000);

describe('the hot state across a Sentinel failover', () => {
  it('is not ready on a promoted replica that lacks the last writes: nothing counts, claims or saves until it is rebuilt', async () => {
    const run = newRun({ id: 'failover00001a', total: 100, ratePerMinute: 6_000, processor: 'square' }, T0);
    await runs.create(run);
    await hotState.markReady();
    expect(await hotState.isReady()).toBe(true);
    expect(await counters.countProcessed(run.id, [1, 2, 3], T0)).toEqual({ added: 3, movedFromFailed: [] });
    expect(await redis.client.wait(2, 5_000)).toBe(2);

    const master = await cluster.masterPort();
    const replicas = cluster.ports.filter((port) => port !== master);
    for (const replica of replicas) cluster.signal(replica, 'SIGSTOP');
    await redis.client.client('KILL', 'TYPE', 'replica');
    // Acknowledged by the master alone: its replicas' links are cut, and the replicas stopped, so they cannot sync.
    expect(await counters.countProcessed(run.id, [4], T0)).toEqual({ added: 1, movedFromFailed: [] });
    await cluster.kill(master);
    for (const replica of replicas) cluster.signal(replica, 'SIGCONT');
    await waitFor(async () => replicas.includes(await cluster.masterPort()), 30_000, 'the Sentinels to promote a replica');
    await waitFor(async () => (await redis.client.ping().catch(() => null)) === 'PONG', 30_000, 'the client to reach the new master');

    // The promoted replica has the marker, but not the count of seq 4: acting on it would count seq 4 twice.
    expect(await redis.client.exists(keys.stateReady)).toBe(1);
    expect(await redis.client.getbit(keys.runProcessedSeqs(run.id), 4)).toBe(0);
    expect(await hotState.isReady()).toBe(false);
    await expect(counters.countProcessed(run.id, [4], T0)).rejects.toThrow(StateNotReadyError);
    await expect(counters.countFailed(run.id, [5], T0)).rejects.toThrow(StateNotReadyError);
    const stale = (await runs.get(run.id)) as RunState;
    expect(stale.processed).toBe(3);
    expect(await runs.save({ ...stale, pace: changeRate(stale.pace, 600, T0 + 1_000) }, T0 + 1_000)).toBe('rebuilding');
    expect(await claims.reserve(run.id, leaseToken, 10, stale.revision)).toBe('rebuilding');

    // What the scheduler's rebuild ends with (the rebuild itself is the one Redis data loss uses, tested there).
    await hotState.markReady();
    expect(await hotState.isReady()).toBe(true);
    expect(await claims.reserve(run.id, leaseToken, 10, stale.revision)).toBe(10);
    await cluster.start(master);
  }, 120_000);
});
