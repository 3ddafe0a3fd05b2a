import { availableParallelism } from 'node:os';
import { ConfigError } from '@app/infra';
import { loadWorkerConfig } from './worker.config';

describe('loadWorkerConfig', () => {
  it('sizes the hash pool to the cores unless HASH_POOL_THREADS says otherwise', () => {
    expect(loadWorkerConfig({}).hashPoolThreads).toBe(availableParallelism());
    expect(loadWorkerConfig({ HASH_POOL_THREADS: '3' }).hashPoolThreads).toBe(3);
    expect(loadWorkerConfig({}).hashPoolNice).toBe(10);
  });

  it.each(['0', '1.5', 'all'])('refuses HASH_POOL_THREADS=%s naming the variable', (value) => {
    expect(() => loadWorkerConfig({ HASH_POOL_THREADS: value })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ HASH_POOL_THREADS: value })).toThrow(/^HASH_POOL_THREADS must be an integer from 1 to 256/);
  });
});
