import { METRIC_NAMES, type JobDocument, type Run, type WorkerStatus } from '@app/contracts';
import { TcpProxy, TestSystem, waitFor } from '@app/testing';

// The workers reach Elasticsearch through a proxy the test can cut; the api and scheduler reach it directly.
const proxy = new TcpProxy(3870, 9200);
const system = new TestSystem({
  workers: 2,
  basePort: 3860,
  workerEnv: { ELASTICSEARCH_URL: `http://127.0.0.1:${proxy.port}`, ES_BREAKER_OPEN_MS: '500', ES_BREAKER_MAX_OPEN_MS: '2000' },
});

beforeAll(async () => {
  await proxy.start();
  await system.start();
}, 120_000);
afterAll(async () => {
  await system.stop();
  await proxy.cut();
}, 60_000);

const getRun = async (id: string) => (await system.api<Run>('GET', `/runs/${id}`)).body;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Elasticsearch unavailable to the workers', () => {
  it('opens the circuit: the workers stop taking jobs, lose none, and resume after a successful probe', async () => {
    const { body: run } = await system.api<Run>('POST', '/runs', { total: 3_000, ratePerMinute: 36_000 });
    await sleep(1_500);
    await proxy.cut();
    const cutAt = Date.now();

    const channel = await system.amqp.createChannel();
    await waitFor(
      async () => (await channel.checkQueue(system.names.jobsQueue)).consumerCount === 0,
      10_000,
      'the workers to stop consuming',
    );
    const stoppedAfter = (Date.now() - cutAt) / 1000;
    expect(await system.workerMetric(METRIC_NAMES.workerStorageCircuitOpen)).toBe(2);
    const workers = async () => (await system.api<WorkerStatus[]>('GET', '/workers')).body;
    await waitFor(async () => (await workers()).every((worker) => !worker.storageAvailable), 3_000, 'the workers to report it');
    expect((await getRun(run.id)).stalledReason).toMatch(/^Elasticsearch is unavailable/);
    const stalled = (await getRun(run.id)).processed;
    await sleep(3_000);
    expect((await getRun(run.id)).processed).toBe(stalled);

    await proxy.restore();
    const restoredAt = Date.now();
    await waitFor(
      async () => (await channel.checkQueue(system.names.jobsQueue)).consumerCount === 2,
      10_000,
      'the workers to consume again',
    );
    const resumedAfter = (Date.now() - restoredAt) / 1000;
    await waitFor(async () => (await workers()).every((worker) => worker.storageAvailable), 3_000, 'the workers to report it');
    expect((await getRun(run.id)).stalledReason).toBeNull();
    await channel.close();

    await waitFor(async () => (await getRun(run.id)).status === 'completed', 30_000, 'the run to complete');
    expect(await getRun(run.id)).toMatchObject({ published: 3_000, processed: 3_000, failed: 0 });
    await system.es.indices.refresh({ index: system.indices.jobs });
    const stored = await system.es.search<JobDocument>({
      index: system.indices.jobs,
      size: 0,
      query: { term: { runId: run.id } },
      aggs: { distinct: { cardinality: { field: 'seq', precision_threshold: 40_000 } } },
    });
    expect((stored.hits.total as { value: number }).value).toBe(3_000);
    expect((stored.aggregations as Record<string, { value: number }>)['distinct'].value).toBe(3_000);
    console.log(
      `Elasticsearch cut from the workers: they stopped consuming ${stoppedAfter.toFixed(1)} s after the cut, resumed ${resumedAfter.toFixed(1)} s after it healed`,
    );
  });
});
