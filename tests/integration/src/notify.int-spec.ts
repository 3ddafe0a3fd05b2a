import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { redisKeys, type CreatedRun, type Run, type RunDocument } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';

/*
 * The completion callback against the real services: a run's final JSON POSTed once to an endpoint of the test's
 * own, retried after a failure, signed so that a Standard Webhooks library verifies it, and recorded on the run.
 */
const ENDPOINT = 'http://127.0.0.1:5600';
const system = new TestSystem({ workers: 1, schedulers: 2, basePort: 4300, env: { NOTIFY_RETRY_BASE_DELAY_MS: '500' } });

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  answered: number;
  at: number;
}

const received: Received[] = [];
/** The statuses the endpoint answers on a path, in turn; a 200 once they run out. */
const scripted = new Map<string, { status: number; headers?: Record<string, string> }[]>();
let endpoint: Server;

beforeAll(async () => {
  endpoint = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const answer = scripted.get(path)?.shift() ?? { status: 200 };
      const headers = req.headers as Record<string, string>;
      received.push({ path, headers, body: Buffer.concat(chunks).toString(), answered: answer.status, at: Date.now() });
      res.writeHead(answer.status, answer.headers).end(answer.status === 200 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(5600, '127.0.0.1', resolve));
  await system.start();
}, 120_000);

afterAll(async () => {
  await system.stop();
  endpoint.closeAllConnections();
  await new Promise((resolve) => endpoint.close(resolve));
}, 60_000);

const getRun = async (id: string) => (await system.api<Run>('GET', `/runs/${id}`)).body;
const postsTo = (path: string) => received.filter((request) => request.path === path);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(path: string, definition: object): Promise<CreatedRun> {
  const created = await system.api<CreatedRun>('POST', '/runs', { ...definition, notify: { url: `${ENDPOINT}${path}` } });
  expect(created.status).toBe(201);
  expect(created.body.notify).toEqual({ url: `${ENDPOINT}${path}`, status: 'pending', attempts: 0, lastError: null, deliveredAt: null });
  expect(created.body.secret).toMatch(/^whsec_/);
  return created.body;
}

const delivered = (id: string) => waitFor(async () => (await getRun(id)).notify?.status === 'delivered', 30_000, `run ${id}'s callback`);

/** The payload of a request the endpoint received, verified as a Standard Webhooks library does. */
const verified = (request: Received, secret: string) => new Webhook(secret).verify(request.body, request.headers) as Run;

describe('the completion callback', () => {
  it('POSTs the final run JSON once the run completes, again after a 500, signed, and records it delivered', async () => {
    scripted.set('/completed', [{ status: 500 }]);
    const { id, secret } = await start('/completed', { total: 20, ratePerMinute: 60_000 });

    await delivered(id);
    await sleep(1_500); // room for a wrongful third POST

    const posts = postsTo('/completed');
    expect(posts.map((post) => post.answered)).toEqual([500, 200]);
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(450);
    const accepted = posts[1];
    expect(verified(accepted, secret as string)).toMatchObject({ id, status: 'completed', total: 20, processed: 20, failed: 0, queued: 0 });
    for (const post of posts) {
      expect(post.headers).toMatchObject({
        'webhook-id': `${id}:notify`,
        'idempotency-key': `${id}:notify`,
        'content-type': 'application/json',
      });
    }
    expect((await getRun(id)).notify).toEqual({
      url: `${ENDPOINT}/completed`,
      status: 'delivered',
      attempts: 2,
      lastError: 'the endpoint answered 500: try again',
      deliveredAt: expect.any(Number),
    });
    await waitFor(
      async () => (await system.es.get<RunDocument>({ index: system.indices.runs, id }))._source?.notify?.status === 'delivered',
      10_000,
      'the delivered callback to be archived',
    );
  });

  it('notifies a stopped run once its published jobs are processed, with status stopped', async () => {
    const { id, secret } = await start('/stopped', { total: 1_000, ratePerMinute: 60 });
    await waitFor(async () => (await getRun(id)).published >= 1, 30_000, 'the first record to be published');
    expect((await system.api<Run>('POST', `/runs/${id}/stop`)).status).toBe(200);

    await delivered(id);

    const posts = postsTo('/stopped');
    expect(posts).toHaveLength(1);
    const run = verified(posts[0], secret as string);
    expect(run).toMatchObject({ id, status: 'stopped', queued: 0 });
    expect(run.processed + run.failed).toBe(run.published);
    expect((await getRun(id)).notify).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
  });

  it('is a 400 naming notify.url for a URL outside the allowlist, and creates nothing', async () => {
    const refused = await system.api<{ message: string[] }>('POST', '/runs', {
      total: 5,
      ratePerMinute: 60,
      notify: { url: 'https://hooks.example.com/done' },
    });

    expect(refused.status).toBe(400);
    expect(refused.body.message.join('\n')).toMatch(/^notify\.url host hooks\.example\.com is not in HTTP_TARGET_ALLOWLIST/);
  });

  it('is sent by the standby that takes over when the leader dies during the backoff', async () => {
    scripted.set('/takeover', [{ status: 503, headers: { 'retry-after': '2' } }]);
    const { id, secret } = await start('/takeover', { total: 10, ratePerMinute: 60_000 });
    await waitFor(async () => (await getRun(id)).notify?.attempts === 1, 30_000, 'the first attempt to be recorded');
    const token = (await system.redis.get(redisKeys(system.namespace).schedulerLeader)) as string;
    await system.kill(token.slice(0, token.lastIndexOf('#')), 'SIGKILL');

    await delivered(id);

    const posts = postsTo('/takeover');
    expect(posts.map((post) => post.answered)).toEqual([503, 200]);
    expect(verified(posts[1], secret as string)).toMatchObject({ id, status: 'completed', processed: 10 });
    expect((await getRun(id)).notify).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
