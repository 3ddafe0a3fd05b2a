import type { SystemStatus } from '@app/contracts';
import { TcpProxy, TestSystem, waitFor } from '@app/testing';

// Every process reaches Elasticsearch through a proxy the test can stall: connections stay open, nothing answers.
const proxy = new TcpProxy(3990, 9200);
const system = new TestSystem({
  workers: 1,
  basePort: 3980,
  env: { ELASTICSEARCH_URL: 'http://127.0.0.1:3990', STATUS_DEADLINE_MS: '150' },
});

beforeAll(async () => {
  await proxy.start();
  await system.start();
}, 120_000);
afterAll(async () => {
  proxy.resume();
  await system.stop();
  await proxy.cut();
}, 60_000);

async function timedStatus(): Promise<{ ms: number; status: SystemStatus }> {
  const started = performance.now();
  const { status, body } = await system.api<SystemStatus>('GET', '/status');
  expect(status).toBe(200);
  return { ms: performance.now() - started, status: body };
}

describe('GET /api/status', () => {
  it('reports every backend: queue depths and consumers, indices, the leader and the workers', async () => {
    // A cold first call (Elasticsearch's first index listing) may take longer than the 150 ms deadline on a loaded
    // machine: the report is read once every backend answers in time.
    let status = (await timedStatus()).status;
    await waitFor(
      async () => {
        status = (await timedStatus()).status;
        return [status.redis, status.rabbitmq, status.elasticsearch, status.schedulers, status.workers].every((p) => p.state === 'ok');
      },
      10_000,
      'every backend to answer within the deadline',
    );
    expect(status.deadlineMs).toBe(150);
    expect(status.redis).toMatchObject({ state: 'ok', value: { nodes: [{ address: '127.0.0.1:6379', role: 'master', up: true }] } });
    if (status.rabbitmq.state !== 'ok') throw new Error(`rabbitmq: ${status.rabbitmq.state}`);
    expect(status.rabbitmq.value.queues.map((queue) => queue.name)).toEqual([system.names.jobsQueue, system.names.deadLetterQueue]);
    expect(status.rabbitmq.value.queues[0].consumers).toBe(1);
    expect(status.rabbitmq.value.nodes).toEqual([{ address: '127.0.0.1:5672', role: 'connected', up: true }]);
    if (status.elasticsearch.state !== 'ok') throw new Error(`elasticsearch: ${status.elasticsearch.state}`);
    expect(status.elasticsearch.value.indices.map((index) => index.name)).toContain(system.indices.jobs);
    // The cluster's one member (the apps reach it through the test's proxy, whose address the node does not publish).
    expect(status.elasticsearch.value.nodes).toEqual([{ address: '127.0.0.1:9200', role: 'elected master', up: true }]);
    if (status.schedulers.state !== 'ok') throw new Error(`schedulers: ${status.schedulers.state}`);
    expect(status.schedulers.value.leader).toBe('scheduler-1');
    expect(status.workers).toMatchObject({ state: 'ok', value: [{ id: 'worker-1' }] });
  });

  it('answers by the deadline with what came back when one backend hangs, marking it timed out', async () => {
    proxy.stall();
    try {
      const { ms, status } = await timedStatus();
      console.log(`status with Elasticsearch stalled: answered in ${ms.toFixed(0)} ms (deadline 150 ms)`);
      expect(status.elasticsearch.state).toBe('timeout');
      expect(status.redis.state).toBe('ok');
      expect(status.rabbitmq.state).toBe('ok');
      expect(status.workers.state).toBe('ok');
      // The deadline plus a little: the round trip and a loaded machine's scheduling, never the backend's own timeout.
      expect(ms).toBeLessThan(150 + 350);
    } finally {
      proxy.resume();
    }
  });
});
