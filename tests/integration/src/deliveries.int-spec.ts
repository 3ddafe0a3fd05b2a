import type { CreatedRun, DeliveryStats, FailurePage, Run, WorkerStatus } from '@app/contracts';
import { NO_ANSWER, ReceivingEndpoint, TestSystem, waitFor, type AnswerRule } from '@app/testing';

// Ports: api 4170, scheduler 4171, workers 4172 and 4173; the endpoint 5640. Fast backoff (100 ms, then 200 ms), and a
// short timeout, so that retried records end within a second or two.
const endpoint = new ReceivingEndpoint(5640);
const system = new TestSystem({
  workers: 2,
  basePort: 4170,
  env: { JOB_MAX_ATTEMPTS: '3', JOB_RETRY_BASE_DELAY_MS: '100', HTTP_MAX_IN_FLIGHT: '32', HASH_POOL_THREADS: '1' },
});

/** What the endpoint does with record `seq`: 404 for every 10th, 503 for the 5th of each ten, no answer for the 7th, else 200. */
const answerBySeq: AnswerRule = ({ seq }) => {
  if (seq % 10 === 0) return { status: 404 };
  if (seq % 10 === 5) return { status: 503 };
  if (seq % 10 === 7) return NO_ANSWER;
  return null;
};

beforeAll(async () => {
  endpoint.answer = answerBySeq;
  await endpoint.start();
  await system.start();
}, 120_000);

afterAll(async () => {
  await endpoint.stop();
  await system.stop();
}, 60_000);

const getRun = async (id: string) => (await system.api<Run>('GET', `/runs/${id}`)).body;
const deliveriesOf = (id: string) => system.api<DeliveryStats>('GET', `/runs/${id}/deliveries`);

describe('an http run and its deliveries', () => {
  it('delivers each record signed with the secret shown once, and counts the final answers by status class', async () => {
    const created = await system.api<CreatedRun>('POST', '/runs', {
      total: 40,
      ratePerMinute: 600_000,
      processor: 'http',
      target: { url: endpoint.url, timeoutMs: 200, concurrency: 8 },
    });
    expect(created.status).toBe(201);
    const { secret, id } = created.body;
    expect(secret).toMatch(/^whsec_/);
    // The endpoint verifies every request with the secret of the 201 (the Standard Webhooks library's own check).
    endpoint.trust(id, secret as string);
    expect(await getRun(id)).not.toHaveProperty('secret');

    await waitFor(async () => (await getRun(id)).status === 'completed', 30_000, 'the http run to complete');
    expect(await getRun(id)).toMatchObject({ processed: 28, failed: 12 });
    const delivered = endpoint.deliveries(id);
    expect(delivered.rejected).toEqual([]);
    expect(delivered.accepted.size).toBe(28);

    // Results and dead letters are searchable within Elasticsearch's refresh interval (1 s).
    await waitFor(async () => (await deliveriesOf(id)).body.total === 40, 10_000, 'every record to be counted');
    const { status, body: stats } = await deliveriesOf(id);
    expect(status).toBe(200);
    expect(stats).toMatchObject({ total: 40, byStatusClass: { '2xx': 28, '3xx': 0, '4xx': 4, '5xx': 4 }, noAnswer: 4 });
    expect(stats.latencyMs).toEqual({ p50: expect.any(Number), p95: expect.any(Number) });
    expect(stats.latencyMs?.p95).toBeGreaterThanOrEqual(stats.latencyMs?.p50 ?? Number.POSITIVE_INFINITY);

    // The dead letters keep the answer of their last attempt; a timeout has none.
    const failures = (await system.api<FailurePage>('GET', `/runs/${id}/failures?size=100`)).body.items;
    const answers = Object.fromEntries(failures.map((failure) => [failure.seq, failure.delivery?.status ?? 'none']));
    expect(answers).toEqual({
      5: 503,
      7: 'none',
      10: 404,
      15: 503,
      17: 'none',
      20: 404,
      25: 503,
      27: 'none',
      30: 404,
      35: 503,
      37: 'none',
      40: 404,
    });
  });

  it('answers 404 for the deliveries of a run of another processor', async () => {
    const { body: run } = await system.api<Run>('POST', '/runs', { total: 1, ratePerMinute: 60 });
    const answer = await system.api<{ message: string }>('GET', `/runs/${run.id}/deliveries`);
    expect(answer).toEqual({
      status: 404,
      body: expect.objectContaining({ message: `run ${run.id} is a square run: only http runs deliver` }),
    });
  });
});

describe('the workers', () => {
  it('report their caps per processor from their configuration', async () => {
    const workers = (await system.api<WorkerStatus[]>('GET', '/workers')).body;
    expect(workers.map((worker) => [worker.id, worker.limits])).toEqual([
      ['worker-1', { httpInFlight: 32, hashThreads: 1 }],
      ['worker-2', { httpInFlight: 32, hashThreads: 1 }],
    ]);
  });
});

describe('the OpenAPI document', () => {
  interface Schema {
    properties: Record<string, { $ref?: string; allOf?: { $ref: string }[]; type?: string }>;
    required?: string[];
  }
  interface Document {
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>>;
    components: { schemas: Record<string, Schema> };
  }

  it('describes the deliveries answer, and the caps of each worker', async () => {
    const document = (await (await fetch(`${system.apiUrl}/api/docs-json`)).json()) as Document;
    const deliveries = document.paths['/api/runs/{id}/deliveries']['get'];
    expect(Object.keys(deliveries.responses).sort()).toEqual(['200', '400', '401', '404', '429']);
    expect(deliveries.responses['200'].content?.['application/json'].schema.$ref).toBe('#/components/schemas/DeliveryStatsDto');
    const { schemas } = document.components;
    expect(schemas['DeliveryStatsDto'].required?.sort()).toEqual(['byStatusClass', 'latencyMs', 'noAnswer', 'total']);
    expect(schemas['StatusClassCountsDto'].required?.sort()).toEqual(['2xx', '3xx', '4xx', '5xx']);
    expect(schemas['WorkerStatusDto'].required).toContain('limits');
    expect(schemas['WorkerLimitsDto'].required?.sort()).toEqual(['hashThreads', 'httpInFlight']);
    expect(Object.keys(schemas['FailureDocumentDto'].properties)).toContain('delivery');
  });
});
