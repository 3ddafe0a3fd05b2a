import { Test } from '@nestjs/testing';
import { workerFakes } from '../testing/fakes';
import { Heartbeat } from './heartbeat';
import { StorageCircuit } from './storage-circuit';
import { WorkerMetrics } from './worker-metrics';

describe('Heartbeat', () => {
  it('writes the first beat before the worker listens: who it is, that it takes jobs, and its caps from its config', async () => {
    const fakes = workerFakes({ HTTP_MAX_IN_FLIGHT: '64', HASH_POOL_THREADS: '3' });
    const module = await Test.createTestingModule({ providers: [Heartbeat, StorageCircuit, WorkerMetrics, ...fakes.providers] }).compile();
    const heartbeat = module.get(Heartbeat);

    await heartbeat.onApplicationBootstrap();
    await heartbeat.beforeApplicationShutdown();

    expect(fakes.workers.beats).toEqual([
      expect.objectContaining({
        id: 'worker-1',
        pid: process.pid,
        processed: 0,
        storageAvailable: true,
        limits: { httpInFlight: 64, hashThreads: 3 },
      }),
    ]);
    expect(fakes.workers.removed).toEqual(['worker-1']);
  });
});
