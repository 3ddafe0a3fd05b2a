import type { WorkerStatus } from '@app/contracts';

/** A live worker with plausible values; tests override what they look at. */
export function aWorker(overrides: Partial<WorkerStatus> = {}): WorkerStatus {
  return {
    id: 'host-1-100',
    host: 'host-1',
    pid: 100,
    startedAt: '2026-11-23T11:00:00.000Z',
    lastSeenAt: '2026-11-23T11:59:59.500Z',
    processed: 5000,
    rate: 1200,
    storageAvailable: true,
    limits: { httpInFlight: 256, hashThreads: 2 },
    ...overrides,
  };
}
