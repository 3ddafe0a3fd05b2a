import { redisKeys, type RedisKeys } from './topology';

/** What Redis Cluster hashes to pick a key's slot: the part between the first `{` and the next `}`, when not empty. */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

const PER_RUN_KEYS = [
  'run',
  'runProcessedSeqs',
  'runFailedSeqs',
  'runProcessedPerSecond',
  'runDestinationPushback',
  'runNotificationClaim',
] as const;

describe('redisKeys', () => {
  const keys = redisKeys('rr');

  it('gives every key of a run the run id as its hash tag, so that a Redis Cluster keeps them in one slot', () => {
    for (const name of PER_RUN_KEYS) expect(hashedPart(keys[name]('m0abc1230000001'))).toBe('m0abc1230000001');
  });

  it('gives each key of a run its own name, under the namespace', () => {
    const names = PER_RUN_KEYS.map((name) => (keys[name] as RedisKeys['run'])('m0abc1230000001'));
    expect(new Set(names).size).toBe(PER_RUN_KEYS.length);
    for (const name of names) expect(name.startsWith('rr:run:{m0abc1230000001}')).toBe(true);
  });
});
