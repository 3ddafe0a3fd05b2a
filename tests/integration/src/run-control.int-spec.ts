import { redisKeys, type JobDocument, type Run } from '@app/contracts';
import { TestSystem, UNKNOWN_RUN_ID, waitFor } from '@app/testing';
import { describeSchedule, expectOnSchedule, scheduleOver } from './schedule';

const system = new TestSystem({ workers: 2, schedulers: 2, basePort: 3920 });

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

const getRun = async (id: string) => (await system.api<Run>('GET', `/runs/${id}`)).body;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(total: number, ratePerMinute: number): Promise<Run> {
  const { status, body } = await system.api<Run>('POST', '/runs', { total, ratePerMinute });
  expect(status).toBe(201);
  return body;
}

/** Records published during the next `ms`, counted by the `publishedAt` each stored record carries. */
async function publishedOver(runId: string, ms: number): Promise<number> {
  const from = Date.now();
  await sleep(ms);
  const to = Date.now();
  await sleep(300); // lets a claim made before `to` be confirmed
  const { published } = await getRun(runId);
  await waitFor(async () => (await getRun(runId)).processed >= published, 30_000, 'the records published to be stored');
  await system.es.indices.refresh({ index: system.indices.jobs });
  const { count } = await system.es.count({
    index: system.indices.jobs,
    query: { bool: { filter: [{ term: { runId } }, { range: { publishedAt: { gte: from, lt: to } } }] } },
  });
  return count;
}

describe('run control', () => {
  it('follows a new rate from the moment it is set, raised and lowered, and a new total', async () => {
    const run = await start(1_000_000, 6_000);
    const base = await scheduleOver(system, run.id, 3_000);
    expectOnSchedule(base);

    const raised = await system.api<Run>('PATCH', `/runs/${run.id}`, { ratePerMinute: 30_000 });
    expect(raised.status).toBe(200);
    expect(raised.body.ratePerMinute).toBe(30_000);
    const fast = await scheduleOver(system, run.id, 4_000);
    expectOnSchedule(fast);
    expect(fast.records).toBe(2_000);

    await system.api<Run>('PATCH', `/runs/${run.id}`, { ratePerMinute: 600 });
    const slow = await scheduleOver(system, run.id, 5_000);
    expectOnSchedule(slow);
    expect(slow.records).toBe(50);

    // X and Y together, Y as a duration: the records left after the new total, spread over the time given.
    const current = await getRun(run.id);
    const both = await system.api<Run>('PATCH', `/runs/${run.id}`, { total: current.published + 600, durationMinutes: 0.05 });
    expect(both.status).toBe(200);
    expect(both.body.total).toBe(current.published + 600);
    expect(both.body.ratePerMinute).toBeGreaterThan(11_000);
    await waitFor(async () => (await getRun(run.id)).status === 'completed', 20_000, 'the shortened run to complete');
    const done = await getRun(run.id);
    expect(done.processed).toBe(done.total);
    console.log(
      `rate change: at 6,000/min ${describeSchedule(base)}; at 30,000/min ${describeSchedule(fast)}; at 600/min ${describeSchedule(slow)}`,
    );
  });

  it('paces several runs at once, each on its own, sharing the workers', async () => {
    const fast = await start(100_000, 12_000);
    const slow = await start(100_000, 1_200);
    const [fastFollowed, slowFollowed] = await Promise.all([scheduleOver(system, fast.id, 4_000), scheduleOver(system, slow.id, 4_000)]);
    expectOnSchedule(fastFollowed);
    expectOnSchedule(slowFollowed);
    await Promise.all([system.api('POST', `/runs/${fast.id}/stop`), system.api('POST', `/runs/${slow.id}/stop`)]);
  });

  it('publishes nothing while paused and goes on after resume', async () => {
    const run = await start(100_000, 60_000);
    await sleep(1_000);
    const paused = await system.api<Run>('POST', `/runs/${run.id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect((await system.api('POST', `/runs/${run.id}/pause`)).status).toBe(409);
    await sleep(300); // a claim made just before the pause may still be confirming
    expect(await publishedOver(run.id, 2_000)).toBe(0);
    expect((await getRun(run.id)).etaSeconds).toBeNull();

    const resumed = await system.api<Run>('POST', `/runs/${run.id}/resume`);
    expect(resumed.body.status).toBe('running');
    expectOnSchedule(await scheduleOver(system, run.id, 2_000));
    await system.api('POST', `/runs/${run.id}/stop`);
  });

  it('publishes nothing after stop, still processes what was published, and refuses to restart', async () => {
    const run = await start(100_000, 60_000);
    await sleep(1_000);
    const stopped = await system.api<Run>('POST', `/runs/${run.id}/stop`);
    expect(stopped.body.status).toBe('stopped');
    await sleep(300);
    expect(await publishedOver(run.id, 1_500)).toBe(0);
    await waitFor(async () => (await getRun(run.id)).queued === 0, 10_000, 'published jobs to be processed');
    const final = await getRun(run.id);
    expect(final.processed).toBe(final.published);
    expect(final.status).toBe('stopped');
    expect((await system.api('POST', `/runs/${run.id}/resume`)).status).toBe(409);
    expect((await system.api('POST', `/runs/${run.id}/stop`)).status).toBe(409);
    expect((await system.api('PATCH', `/runs/${run.id}`, { ratePerMinute: 5 })).status).toBe(409);
  });

  it('refuses a total below what is published (saying how many) and changes to a completed run', async () => {
    const run = await start(50_000, 60_000);
    await sleep(1_000);
    const lowered = await system.api<{ message: string }>('PATCH', `/runs/${run.id}`, { total: 10 });
    expect(lowered.status).toBe(409);
    expect(lowered.body.message).toMatch(/^total cannot be lower than the \d+ records already published$/);
    await system.api('POST', `/runs/${run.id}/stop`);

    const small = await start(5, 600_000);
    await waitFor(async () => (await getRun(small.id)).status === 'completed', 10_000, 'the small run to complete');
    expect((await system.api('PATCH', `/runs/${small.id}`, { total: 10 })).status).toBe(409);
    expect((await system.api('POST', `/runs/${small.id}/pause`)).status).toBe(409);
  });

  it('validates changes: 400 naming the field, 404 for an unknown run', async () => {
    const run = await start(1_000, 60);
    const bad = await system.api<{ message: string[] }>('PATCH', `/runs/${run.id}`, { ratePerMinute: 0, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining(['ratePerMinute must be a number from 1 to 600,000', 'property colour should not exist']),
    );
    expect((await system.api<{ message: string[] }>('PATCH', `/runs/${run.id}`, {})).status).toBe(400);
    const both = await system.api<{ message: string[] }>('PATCH', `/runs/${run.id}`, { ratePerMinute: 5, durationMinutes: 5 });
    expect(both.body.message).toEqual(['ratePerMinute and durationMinutes cannot both be given']);
    expect((await getRun(run.id)).ratePerMinute).toBe(60);
    expect((await system.api('PATCH', `/runs/${UNKNOWN_RUN_ID}`, { total: 5 })).status).toBe(404);
    expect((await system.api('POST', `/runs/${UNKNOWN_RUN_ID}/pause`)).status).toBe(404);
    await system.api('POST', `/runs/${run.id}/stop`);
  });

  it('answers 400 for a malformed run id on every route, never reading another key', async () => {
    const run = await start(10, 60);
    // `<id>:processed-seqs` is the run's bitmap key: once read as the run's hash it answered a 500 (WRONGTYPE).
    for (const id of [`${run.id}:processed-seqs`, `${run.id}:failed-seqs`, 'x', encodeURIComponent('a b'), 'z'.repeat(200)]) {
      for (const [method, path] of [
        ['GET', ''],
        ['PATCH', ''],
        ['POST', '/pause'],
        ['GET', '/results'],
        ['GET', '/history'],
        ['GET', '/failures'],
        ['POST', '/failures/replay'],
        ['GET', '/audit'],
        ['POST', '/audit/repair'],
      ] as const) {
        const answer = await system.api<{ message: string[] }>(method, `/runs/${id}${path}`, method === 'PATCH' ? { total: 5 } : undefined);
        expect([method, path, answer.status, answer.body.message]).toEqual([
          method,
          path,
          400,
          ['id must be a run id (lowercase letters and digits)'],
        ]);
      }
    }
    await system.api('POST', `/runs/${run.id}/stop`);
  });

  it('starts a run from a duration', async () => {
    const { status, body } = await system.api<Run>('POST', '/runs', { total: 600, durationMinutes: 2 });
    expect(status).toBe(201);
    expect(body.ratePerMinute).toBe(300);
    await system.api('POST', `/runs/${body.id}/stop`);
  });

  it('serves the shorthand for the latest run: start, read, update, stop', async () => {
    const started = await system.api<Run>('POST', '/run', { total: 1_000, ratePerMinute: 60 });
    expect(started.status).toBe(201);
    expect((await system.api<Run>('GET', '/run')).body.id).toBe(started.body.id);
    expect((await system.api<Run>('PATCH', '/run', { ratePerMinute: 120 })).body.ratePerMinute).toBe(120);
    const stopped = await system.api<Run>('DELETE', '/run');
    expect(stopped.body).toMatchObject({ id: started.body.id, status: 'stopped' });
  });

  it('lists runs by status', async () => {
    const page = await system.api<{ items: Run[] }>('GET', '/runs?status=stopped&limit=100');
    expect(page.body.items.length).toBeGreaterThan(2);
    expect(page.body.items.every((run) => run.status === 'stopped')).toBe(true);
    expect((await system.api('GET', '/runs?status=sleeping')).status).toBe(400);
  });

  it('hands a run to the standby scheduler within 5 s when the leader is killed, skipping and doubling nothing', async () => {
    const run = await start(6_000, 36_000);
    await sleep(2_000);
    const token = await system.redis.get(redisKeys(system.namespace).schedulerLeader);
    const leader = token?.split('#')[0] ?? '';
    expect(leader).toMatch(/^scheduler-[12]$/);
    await system.kill(leader, 'SIGKILL');
    const killedAt = Date.now();
    const publishedAtKill = (await getRun(run.id)).published;
    await waitFor(async () => (await getRun(run.id)).published > publishedAtKill + 100, 10_000, 'the standby to publish');
    const takeoverSeconds = (Date.now() - killedAt) / 1000;
    expect(takeoverSeconds).toBeLessThan(5);

    await waitFor(async () => (await getRun(run.id)).status === 'completed', 30_000, 'the run to complete');
    expect(await getRun(run.id)).toMatchObject({ published: 6_000, processed: 6_000, failed: 0 });
    await system.es.indices.refresh({ index: system.indices.jobs });
    const seqs = await system.es.search<JobDocument>({
      index: system.indices.jobs,
      size: 0,
      query: { term: { runId: run.id } },
      aggs: {
        distinct: { cardinality: { field: 'seq', precision_threshold: 40_000 } },
        min: { min: { field: 'seq' } },
        max: { max: { field: 'seq' } },
      },
    });
    const aggs = seqs.aggregations as Record<string, { value: number }>;
    expect((seqs.hits.total as { value: number }).value).toBe(6_000);
    expect([aggs['distinct'].value, aggs['min'].value, aggs['max'].value]).toEqual([6_000, 1, 6_000]);
    console.log(`scheduler takeover after kill -9 of ${leader}: publishing resumed in ${takeoverSeconds.toFixed(2)} s`);
  });
});

describe('recovery', () => {
  it('answers reads from the durable record while Redis is rebuilt, and refuses changes until it is', async () => {
    const run = await start(100_000, 6_000);
    await sleep(3_000); // archived by the scheduler at least once
    // With no scheduler running nothing rebuilds the state, which holds the rebuilding window open.
    const schedulers = ['scheduler-1', 'scheduler-2'];
    for (const name of schedulers.filter((n) => system.isRunning(n))) await system.kill(name, 'SIGKILL');
    await system.redis.del(...(await system.redis.keys(`${system.namespace}:*`)));

    const read = await system.api<Run>('GET', `/runs/${run.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: run.id, status: 'running', total: 100_000 });
    expect(read.body.published).toBeGreaterThan(0);
    // Every read of the run's sub-resources finds it too (one lookup serves them all).
    for (const resource of ['results', 'history', 'failures', 'audit']) {
      const answer = await system.api<{ runId?: string }>('GET', `/runs/${run.id}/${resource}`);
      expect([resource, answer.status]).toEqual([resource, 200]);
    }
    // Changes need the hot state: the run's definition, and republishing its jobs.
    for (const [method, path, body] of [
      ['PATCH', `/runs/${run.id}`, { ratePerMinute: 600 }],
      ['POST', `/runs/${run.id}/failures/replay`, undefined],
      ['POST', `/runs/${run.id}/audit/repair`, undefined],
    ] as const) {
      const change = await system.api<{ message: string }>(method, path, body);
      expect([path, change.status]).toEqual([path, 503]);
      expect(change.body.message).toMatch(/being rebuilt after Redis lost its data/);
    }
    expect((await system.api('GET', `/runs/${UNKNOWN_RUN_ID}`)).status).toBe(404);
    expect((await system.api('GET', `/runs/${UNKNOWN_RUN_ID}/results`)).status).toBe(404);

    await Promise.all(schedulers.map((name) => system.restart(name)));
    await waitFor(async () => (await system.api('POST', `/runs/${run.id}/stop`)).status === 200, 30_000, 'the rebuilt run to take changes');
  });

  it('rebuilds the state from Elasticsearch when Redis loses its data mid-run, skipping and doubling nothing', async () => {
    const run = await start(6_000, 36_000);
    await sleep(4_000);
    // Everything this installation keeps in Redis goes, as in a restart of a Redis that keeps nothing on disk.
    const keys = await system.redis.keys(`${system.namespace}:*`);
    expect(keys.length).toBeGreaterThan(3);
    await system.redis.del(...keys);
    const lostAt = Date.now();

    await waitFor(async () => (await getRun(run.id))?.status === 'completed', 60_000, 'the run to complete after the loss');
    console.log(`Redis data loss mid-run: run completed ${((Date.now() - lostAt) / 1000).toFixed(1)} s after the loss`);
    expect(await getRun(run.id)).toMatchObject({ published: 6_000, processed: 6_000, failed: 0 });
    await system.es.indices.refresh({ index: system.indices.jobs });
    const stored = await system.es.search({
      index: system.indices.jobs,
      size: 0,
      query: { term: { runId: run.id } },
      aggs: { distinct: { cardinality: { field: 'seq', precision_threshold: 40_000 } }, max: { max: { field: 'seq' } } },
    });
    const aggs = stored.aggregations as Record<string, { value: number }>;
    expect([(stored.hits.total as { value: number }).value, aggs['distinct'].value, aggs['max'].value]).toEqual([6_000, 6_000, 6_000]);
  });
});

describe('backpressure', () => {
  const slow = new TestSystem({ workers: 0, basePort: 3940, env: { BACKPRESSURE_QUEUED_SECONDS: '1', BACKPRESSURE_MIN_QUEUED: '100' } });

  beforeAll(() => slow.start(), 120_000);
  afterAll(() => slow.stop(), 60_000);

  it('holds a run back while its queue is over the limit, says why, and returns to pace by itself', async () => {
    const { body: run } = await slow.api<Run>('POST', '/runs', { total: 1_000, ratePerMinute: 6_000 });
    const read = async () => (await slow.api<Run>('GET', `/runs/${run.id}`)).body;
    await waitFor(async () => (await read()).throttled, 10_000, 'the run to be throttled');
    const held = await read();
    expect(held.throttleReason).toMatch(/jobs queued, over the limit of 100/);
    expect(held.stalledReason).toBe('no worker is running: jobs wait in the queue');
    await sleep(1_000);
    expect((await read()).published).toBe(held.published);

    await slow.startWorker(1);
    await waitFor(async () => !(await read()).throttled, 10_000, 'the hold to be released');
    // Back to its pace of 100/s, not a burst to catch up on the time held back.
    expectOnSchedule(await scheduleOver(slow, run.id, 2_000));
    await waitFor(async () => (await read()).status === 'completed', 20_000, 'the run to complete');
  });
});
