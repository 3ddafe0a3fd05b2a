import type { SystemStatus } from '@app/contracts';
import { localeFormats } from '../shared/locale-formats';
import { nodeRows, statusRows } from './system-status';

const formats = localeFormats('en-US');

const status: SystemStatus = {
  checkedAt: '2026-12-01T10:00:00.000Z',
  deadlineMs: 150,
  redis: {
    state: 'ok',
    latencyMs: 2,
    value: {
      usedMemoryBytes: 3 * 1_048_576,
      connectedClients: 14,
      nodes: [
        { address: '127.0.0.1:6402', role: 'master', up: true },
        { address: '127.0.0.1:6403', role: 'replica', up: true },
      ],
    },
  },
  rabbitmq: {
    state: 'ok',
    latencyMs: 5,
    value: {
      nodes: [
        { address: '127.0.0.1:5681', role: 'standby', up: false },
        { address: '127.0.0.1:5682', role: 'connected', up: true },
      ],
      queues: [
        { name: 'rr.jobs', messages: 1_200, consumers: 2 },
        { name: 'rr.jobs.dead', messages: 0, consumers: 0 },
      ],
    },
  },
  elasticsearch: { state: 'timeout', latencyMs: 151 },
  schedulers: { state: 'ok', latencyMs: 1, value: { leader: 'scheduler-1', epoch: 7 } },
  workers: { state: 'error', latencyMs: 3, error: 'connection refused' },
};

describe('statusRows', () => {
  it('summarises what each backend answered, and says which did not answer in time or failed', () => {
    expect(statusRows(status, formats).map(({ key, state, latency, detail }) => [key, state, latency, detail])).toEqual([
      ['redis', 'ok', '2 ms', '3 MB used, 14 clients'],
      ['rabbitmq', 'ok', '5 ms', 'rr.jobs: 1,200 ready, 2 consumers; rr.jobs.dead: 0 ready, 0 consumers'],
      ['elasticsearch', 'timeout', '151 ms', 'nothing within the 150 ms deadline'],
      ['schedulers', 'ok', '1 ms', 'scheduler-1 leads (epoch 7)'],
      ['workers', 'error', '3 ms', 'connection refused'],
    ]);
  });

  it('describes the cluster, a takeover and no workers', () => {
    const rows = statusRows(
      {
        ...status,
        elasticsearch: {
          state: 'ok',
          latencyMs: 9,
          value: {
            cluster: 'yellow',
            nodes: [
              { address: '127.0.0.1:9211', role: 'elected master', up: true },
              { address: '127.0.0.1:9212', role: 'member', up: false },
            ],
            indices: [{ name: 'jobs', docs: 6_000, bytes: 1_048_576 }],
          },
        },
        schedulers: { state: 'ok', latencyMs: 1, value: { leader: null, epoch: null } },
        workers: { state: 'ok', latencyMs: 1, value: [] },
      },
      formats,
    );
    expect(rows[2].detail).toBe('yellow, 1 node; 1 indices, 6,000 documents, 1 MB');
    expect(rows[3].detail).toMatch(/^no leader/);
    expect(rows[4].detail).toBe('none live');
  });

  it('marks every backend unknown before any answer', () => {
    expect(statusRows(null, formats).map((row) => row.stateLabel)).toEqual(['Unknown', 'Unknown', 'Unknown', 'Unknown', 'Unknown']);
  });
});

describe('nodeRows', () => {
  it('lists every node of each engine that answered, down ones included', () => {
    expect(nodeRows(status).map(({ engine, address, role, up }) => [engine, address, role, up])).toEqual([
      ['Redis', '127.0.0.1:6402', 'master', true],
      ['Redis', '127.0.0.1:6403', 'replica', true],
      ['RabbitMQ', '127.0.0.1:5681', 'standby', false],
      ['RabbitMQ', '127.0.0.1:5682', 'connected', true],
    ]);
  });

  it('has no rows before an answer', () => {
    expect(nodeRows(null)).toEqual([]);
  });
});
