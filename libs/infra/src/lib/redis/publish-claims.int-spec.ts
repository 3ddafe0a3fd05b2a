import { randomBytes } from 'node:crypto';
import { redisKeys } from '@app/contracts';
import { changeRate, newRun, updateRun, type RunState } from '@app/domain';
import { HotState } from './hot-state';
import { LeaderLease } from './leader-lease';
import { PublishClaims } from './publish-claims';
import { RedisConnection } from './redis.connection';
import { RunStore } from './run-store';

/*
 * The two races between a scheduler's claim and the api's change of a run, played out step by step against the
 * real Redis scripts: whichever lands first, no record is claimed under a schedule the change has replaced.
 */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const T0 = Date.now();

let redis: RedisConnection;
let runs: RunStore;
let claims: PublishClaims;
let token: string;
const namespace = `it-claims-${randomBytes(3).toString('hex')}`;
const keys = redisKeys(namespace);

beforeAll(async () => {
  redis = await RedisConnection.connect(REDIS_URL);
  runs = new RunStore(redis, keys);
  const lease = new LeaderLease(redis, keys);
  claims = new PublishClaims(redis, keys, lease);
  token = (await lease.acquire(null, 'scheduler-test', 60_000)) ?? '';
  await new HotState(redis, keys).markReady();
});

afterAll(async () => {
  const names = await redis.client.keys(`${namespace}:*`);
  if (names.length > 0) await redis.client.del(...names);
  await redis.close();
});

async function createdRun(id: string): Promise<RunState> {
  await runs.create(newRun({ id, total: 1_000_000, ratePerMinute: 30_000, processor: 'square' }, T0));
  return (await runs.get(id)) as RunState;
}

const changed = (run: RunState, ratePerMinute: number, now: number): RunState => {
  const transition = updateRun(run, { ratePerMinute }, now);
  if (!transition.ok) throw new Error(transition.conflict);
  return transition.state;
};

describe('claims and changes of a run', () => {
  it('refuses a claim computed from a schedule the api changed after the scheduler read it', async () => {
    const readByScheduler = await createdRun('claims0001aaa');
    expect(await runs.save(changed(readByScheduler, 600, T0 + 1_000), T0 + 1_000)).toBe('saved');

    expect(await claims.reserve(readByScheduler.id, token, 500, readByScheduler.revision)).toBe('changed');
    const now = (await runs.get(readByScheduler.id)) as RunState;
    expect(now.reserved).toBe(0);
    expect(await claims.reserve(now.id, token, 12, now.revision)).toBe(12);
  });

  it('makes the api re-read when a scheduler claimed between its read and its save, and the change then covers the claim', async () => {
    const readByApi = await createdRun('claims0002aaa');
    // The scheduler's clock read a little later than the api's: it claims 502 records, where 501 were due at the change.
    expect(await claims.reserve(readByApi.id, token, 502, readByApi.revision)).toBe(502);
    expect(await runs.save(changed(readByApi, 600, T0 + 1_000), T0 + 1_000)).toBe('stale');

    const reread = (await runs.get(readByApi.id)) as RunState;
    expect(await runs.save(changed(reread, 600, T0 + 1_000), T0 + 1_000)).toBe('saved');
    const saved = (await runs.get(readByApi.id)) as RunState;
    // 500 accrued by the old rate at the change, raised to cover the 502 claimed: seq 503 is the next due.
    expect(changeRate(readByApi.pace, 600, T0 + 1_000).accrued).toBe(500);
    expect(saved.pace.accrued).toBe(501);
  });
});
