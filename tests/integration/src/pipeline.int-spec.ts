import { io, type Socket } from 'socket.io-client';
import {
  DEAD_LETTER_REASON_HEADER,
  METRIC_NAMES,
  jobId,
  type RunDocument,
  type JobDocument,
  type JobMessage,
  type Run,
  type ServerToClientEvents,
  type WorkerStatus,
} from '@app/contracts';
import { recordInput } from '@app/domain';
import { TestSystem, waitFor } from '@app/testing';

const system = new TestSystem({ workers: 2, basePort: 3900 });

let socket: Socket<ServerToClientEvents> | undefined;

beforeAll(() => system.start(), 120_000);
afterAll(async () => {
  socket?.close();
  await system.stop();
}, 60_000);

const getRun = async (id: string) => (await system.api<Run>('GET', `/runs/${id}`)).body;

async function storedJobs(runId: string): Promise<JobDocument[]> {
  await system.es.indices.refresh({ index: system.indices.jobs });
  const documents: JobDocument[] = [];
  let searchAfter: number[] | undefined;
  for (;;) {
    const page = await system.es.search<JobDocument>({
      index: system.indices.jobs,
      size: 5_000,
      query: { term: { runId } },
      sort: [{ seq: 'asc' }],
      search_after: searchAfter,
    });
    for (const hit of page.hits.hits) {
      expect(hit._id).toBe(jobId(runId, hit._source?.seq ?? -1));
      documents.push(hit._source as JobDocument);
    }
    if (page.hits.hits.length < 5_000) return documents;
    searchAfter = page.hits.hits[page.hits.hits.length - 1].sort as number[];
  }
}

async function publishRaw(body: Buffer, messageId: string): Promise<void> {
  const channel = await system.amqp.createConfirmChannel();
  channel.sendToQueue(system.names.jobsQueue, body, { persistent: true, messageId });
  await channel.waitForConfirms();
  await channel.close();
}

describe('a run through the whole pipeline', () => {
  it('processes 6,000 records at 36,000/min: each stored once, correct, counted once, on pace, streamed live', async () => {
    const client: Socket<ServerToClientEvents> = io(system.apiUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: system.tokens.viewer },
    });
    socket = client;
    const liveEvents: Run[] = [];
    let runId = '';
    client.on('run', (run) => {
      if (run.id === runId) liveEvents.push(run);
    });
    const liveWorkers = new Promise<WorkerStatus[]>((resolve) => client.once('workers', resolve));
    await new Promise<void>((resolve) => client.once('snapshot', () => resolve()));
    expect((await liveWorkers).map((worker) => worker.id)).toEqual(['worker-1', 'worker-2']);

    const started = Date.now();
    const created = await system.api<Run>('POST', '/runs', { total: 6_000, ratePerMinute: 36_000 });
    expect(created.status).toBe(201);
    runId = created.body.id;
    expect(created.body).toMatchObject({ status: 'running', total: 6_000, ratePerMinute: 36_000, processor: 'square', processed: 0 });

    await waitFor(async () => (await getRun(runId)).status === 'completed', 60_000, 'the run to complete');
    const secondsToComplete = (Date.now() - started) / 1000;
    const run = await getRun(runId);
    expect(run).toMatchObject({ published: 6_000, processed: 6_000, failed: 0, queued: 0, etaSeconds: 0 });

    const documents = await storedJobs(runId);
    expect(documents).toHaveLength(6_000);
    documents.forEach((document, i) => {
      expect(document.seq).toBe(i + 1);
      expect(document.input).toBe(recordInput(runId, document.seq));
      expect(document.output).toBe((document.input as number) ** 2);
    });

    // The schedule puts record 1 at t=0 and record n at (n-1)/rate: measure the rate over those intervals.
    const publishedAt = documents.map((document) => Date.parse(document.publishedAt));
    const spanMs = Math.max(...publishedAt) - Math.min(...publishedAt);
    const achievedPerMinute = ((documents.length - 1) * 60_000) / spanMs;
    expect(Math.abs(achievedPerMinute - 36_000) / 36_000).toBeLessThan(0.05);

    await waitFor(async () => liveEvents.at(-1)?.processed === 6_000, 5_000, 'the live feed to show the end');
    const liveSpanS = (Date.parse(liveEvents.at(-1)?.updatedAt ?? '') - started) / 1000;
    expect(liveEvents.length).toBeGreaterThan(10);
    expect(liveEvents.length).toBeLessThanOrEqual(Math.ceil(secondsToComplete * 10) + 2);
    client.close();
    socket = undefined;

    console.log(
      `6,000 records at 36,000/min: completed in ${secondsToComplete.toFixed(2)} s; ` +
        `achieved publish rate ${achievedPerMinute.toFixed(0)}/min (${(((achievedPerMinute - 36_000) / 36_000) * 100).toFixed(2)}% off target); ` +
        `${liveEvents.length} live updates over ${liveSpanS.toFixed(1)} s`,
    );
  });

  it('stores and counts a job delivered twice only once', async () => {
    // 1 per minute: record 1 goes out at once, record 2 not for a minute, so the test controls the rest.
    const { body: run } = await system.api<Run>('POST', '/runs', { total: 2, ratePerMinute: 1 });
    await waitFor(async () => (await getRun(run.id)).processed === 1, 10_000, 'record 1 to be processed');

    const job = (seq: number): JobMessage => ({
      runId: run.id,
      seq,
      input: recordInput(run.id, seq),
      processor: 'square',
      publishedAt: Date.now(),
      attempt: 1,
    });
    const body = (seq: number) => Buffer.from(JSON.stringify(job(seq)));
    await publishRaw(body(1), jobId(run.id, 1));
    await publishRaw(body(1), jobId(run.id, 1));
    await publishRaw(body(2), jobId(run.id, 2));
    await publishRaw(body(2), jobId(run.id, 2));

    // Three copies arrived after seq 1 was counted and one after seq 2 was: each is a duplicate once counted.
    await waitFor(async () => (await system.workerMetric(METRIC_NAMES.workerJobsDuplicate)) === 3, 10_000, 'the duplicates to be handled');
    // Every index operation bumps a document's _version: each copy was stored, under the same id.
    const version = async (seq: number) => (await system.es.get({ index: system.indices.jobs, id: jobId(run.id, seq) }))._version;
    expect([await version(1), await version(2)]).toEqual([3, 2]);
    expect(await getRun(run.id)).toMatchObject({ processed: 2, failed: 0, status: 'completed' });
    expect((await storedJobs(run.id)).map((document) => document.seq)).toEqual([1, 2]);
  });

  it('dead-letters a malformed job with its reason and keeps consuming', async () => {
    // A run id that would land inside a Redis key name: refused as not a run id, before any key is built of it.
    await publishRaw(Buffer.from('{"runId": "x:processed-seqs", "seq": 1, "input": 1}'), 'poison:1');
    const channel = await system.amqp.createChannel();
    let reason: unknown;
    await waitFor(
      async () => {
        const message = await channel.get(system.names.deadLetterQueue, { noAck: true });
        if (message) reason = message.properties.headers?.[DEAD_LETTER_REASON_HEADER];
        return message !== false;
      },
      10_000,
      'the dead letter',
    );
    await channel.close();
    expect(reason).toBe('invalid job: runId must be a run id');

    const { body: run } = await system.api<Run>('POST', '/runs', { total: 5, ratePerMinute: 600_000 });
    await waitFor(async () => (await getRun(run.id)).status === 'completed', 10_000, 'a later run to complete');
  });
});

describe('the durable record of runs', () => {
  const archived = async (id: string) => (await system.es.get<RunDocument>({ index: system.indices.runs, id }))._source as RunDocument;

  it('is written before the run is created, on every change, and with its counters as it goes', async () => {
    const { body: run } = await system.api<Run>('POST', '/runs', { total: 300, ratePerMinute: 6_000 });
    expect(await archived(run.id)).toMatchObject({ id: run.id, status: 'running', total: 300, ratePerMinute: 6_000, processor: 'square' });

    await system.api('PATCH', `/runs/${run.id}`, { ratePerMinute: 60_000 });
    expect((await archived(run.id)).ratePerMinute).toBe(60_000);

    await waitFor(async () => (await getRun(run.id)).status === 'completed', 10_000, 'the run to complete');
    await waitFor(async () => (await archived(run.id)).status === 'completed', 5_000, 'the record to show completion');
    expect(await archived(run.id)).toMatchObject({ published: 300, processed: 300, failed: 0 });
  });
});

describe('the runs api', () => {
  it('answers 400 naming each bad field, and creates nothing', async () => {
    const before = await system.api<{ items: Run[] }>('GET', '/runs?limit=100');
    const response = await system.api<{ message: string[] }>('POST', '/runs', { total: 0, ratePerMinute: 'fast', colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(
      expect.arrayContaining([
        'total must be an integer from 1 to 100,000,000',
        'ratePerMinute must be a number from 1 to 600,000',
        'property colour should not exist',
      ]),
    );
    const after = await system.api<{ items: Run[] }>('GET', '/runs?limit=100');
    expect(after.body.items.map((run) => run.id)).toEqual(before.body.items.map((run) => run.id));
  });

  it('answers 400 for a body that is not JSON (with the token; without, a 401 before the body is read)', async () => {
    const send = (token: string | null) =>
      fetch(`${system.apiUrl}/api/runs`, {
        method: 'POST',
        headers: { ...system.authorization(token), 'content-type': 'application/json' },
        body: '{',
      });
    expect((await send(system.tokens.operator)).status).toBe(400);
    expect((await send(null)).status).toBe(401);
  });

  it('answers 404 for an unknown run', async () => {
    expect((await system.api('GET', '/runs/doesnotexist')).status).toBe(404);
  });

  it('lists runs newest first, paged by cursor', async () => {
    const first = await system.api<Run>('POST', '/runs', { total: 1, ratePerMinute: 60 });
    const second = await system.api<Run>('POST', '/runs', { total: 1, ratePerMinute: 60 });
    const page = await system.api<{ items: Run[]; nextCursor: string }>('GET', '/runs?limit=1');
    expect(page.body.items.map((run) => run.id)).toEqual([second.body.id]);
    const next = await system.api<{ items: Run[] }>('GET', `/runs?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.items.map((run) => run.id)).toEqual([first.body.id]);
  });

  it('lists the live workers from their heartbeats, and forgets one that stopped', async () => {
    const workers = async () => (await system.api<WorkerStatus[]>('GET', '/workers')).body;
    const live = await workers();
    expect(live.map((worker) => worker.id)).toEqual(['worker-1', 'worker-2']);
    expect(live.reduce((sum, worker) => sum + worker.processed, 0)).toBeGreaterThanOrEqual(6_000);
    for (const worker of live) expect(worker).toMatchObject({ storageAvailable: true, pid: expect.any(Number), host: expect.any(String) });

    await system.kill('worker-2', 'SIGKILL');
    await waitFor(async () => (await workers()).length === 1, 10_000, 'the dead worker to disappear');
    expect((await workers()).map((worker) => worker.id)).toEqual(['worker-1']);
  });

  it('reports readiness of Redis, RabbitMQ and Elasticsearch, and serves metrics', async () => {
    const ready = await system.api<{ dependencies: Record<string, { status: string }> }>('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.dependencies).sort()).toEqual(['elasticsearch', 'rabbitmq', 'redis']);
    const metrics = await fetch(`${system.apiUrl}/metrics`);
    expect(await metrics.text()).toContain('process_cpu_seconds_total');
  });
});
