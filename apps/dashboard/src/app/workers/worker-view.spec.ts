import type { WorkerStatus } from '@app/contracts';
import { localeFormats } from '../shared/locale-formats';
import { sortWorkers, toWorkerView } from './worker-view';
import { aWorker } from './workers.testing';

const formats = localeFormats('en-US');
const now = Date.parse('2026-11-23T12:00:00.000Z');

describe('toWorkerView', () => {
  it('formats a worker at a moment: uptime from its start, heartbeat age from its last beat', () => {
    const view = toWorkerView(
      aWorker({
        id: 'w-1',
        host: 'box',
        pid: 4242,
        startedAt: '2026-11-23T10:58:55.000Z',
        lastSeenAt: '2026-11-23T11:59:59.600Z',
        processed: 1234567,
        rate: 36000.25,
        limits: { httpInFlight: 1000, hashThreads: 4 },
      }),
      now,
      formats,
    );
    expect(view).toEqual({
      id: 'w-1',
      host: 'box',
      pid: '4242',
      uptime: '1h 01m 05s',
      heartbeatAge: '0.4s ago',
      late: false,
      rate: '36,000.3/min',
      processed: '1,234,567',
      storageAvailable: true,
      storage: 'Available',
      httpInFlight: '1,000',
      hashThreads: '4',
    });
  });

  it('marks a late heartbeat', () => {
    expect(toWorkerView(aWorker({ lastSeenAt: '2026-11-23T11:59:57.000Z' }), now, formats).late).toBe(true);
  });

  it('says when a worker cannot store results', () => {
    const view = toWorkerView(aWorker({ storageAvailable: false }), now, formats);
    expect(view.storageAvailable).toBe(false);
    expect(view.storage).toBe('Unavailable (circuit open)');
  });

  it('moves with the clock', () => {
    const worker = aWorker({ startedAt: '2026-11-23T11:59:00.000Z' });
    expect(toWorkerView(worker, now, formats).uptime).toBe('1m 00s');
    expect(toWorkerView(worker, now + 5_000, formats).uptime).toBe('1m 05s');
  });
});

describe('sortWorkers', () => {
  it('orders by id without touching the given list', () => {
    const given: WorkerStatus[] = [aWorker({ id: 'b' }), aWorker({ id: 'c' }), aWorker({ id: 'a' })];
    expect(sortWorkers(given).map((worker) => worker.id)).toEqual(['a', 'b', 'c']);
    expect(given.map((worker) => worker.id)).toEqual(['b', 'c', 'a']);
  });
});
