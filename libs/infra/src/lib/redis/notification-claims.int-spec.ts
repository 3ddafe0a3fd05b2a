import { randomBytes } from 'node:crypto';
import { redisKeys } from '@app/contracts';
import { NotificationClaims } from './notification-claims';
import { RedisConnection } from './redis.connection';

/* The claim on a run's completion callback against the real Redis: one holder at a time, and a backoff held by its key. */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const namespace = `it-notify-${randomBytes(3).toString('hex')}`;
const keys = redisKeys(namespace);

let redis: RedisConnection;
let claims: NotificationClaims;

beforeAll(async () => {
  redis = await RedisConnection.connect(REDIS_URL);
  claims = new NotificationClaims(redis, keys);
});

afterAll(async () => {
  const names = await redis.client.keys(`${namespace}:*`);
  if (names.length > 0) await redis.client.del(...names);
  await redis.close();
});

const ttlOf = (runId: string) => redis.client.pttl(keys.runNotificationClaim(runId));

describe('NotificationClaims', () => {
  it('lets one holder claim a run at a time, until its claim lapses', async () => {
    expect(await claims.claim('notify0001aaa', 'scheduler-1', 200)).toBe(true);
    expect(await claims.claim('notify0001aaa', 'scheduler-2', 200)).toBe(false);
    expect(await claims.claim('notify0001aaa', 'scheduler-1', 200)).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await claims.claim('notify0001aaa', 'scheduler-2', 200)).toBe(true);
  });

  it('holds its own claim for the backoff, so nobody claims the run before it ends', async () => {
    await claims.claim('notify0002aaa', 'scheduler-1', 100);

    await claims.holdFor('notify0002aaa', 'scheduler-1', 60_000);

    expect(await ttlOf('notify0002aaa')).toBeGreaterThan(59_000);
    expect(await claims.claim('notify0002aaa', 'scheduler-2', 100)).toBe(false);
  });

  it('holds a claim that lapsed meanwhile, but never one another holder took', async () => {
    await claims.holdFor('notify0003aaa', 'scheduler-1', 60_000);
    expect(await ttlOf('notify0003aaa')).toBeGreaterThan(59_000);

    await claims.claim('notify0004aaa', 'scheduler-2', 5_000);
    await claims.holdFor('notify0004aaa', 'scheduler-1', 60_000);
    expect(await ttlOf('notify0004aaa')).toBeLessThanOrEqual(5_000);
    expect(await redis.client.get(keys.runNotificationClaim('notify0004aaa'))).toBe('scheduler-2');
  });
});
