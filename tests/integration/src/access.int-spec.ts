import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  LIVE_TOKEN_REFUSED,
  METRIC_NAMES,
  type ClientToServerEvents,
  type Dataset,
  type DatasetPage,
  type Run,
  type ServerToClientEvents,
  type Session,
} from '@app/contracts';
import { TestSystem } from '@app/testing';

/**
 * Who may do what: every route without a token, with a wrong one, with the viewer's and the operator's; and the live
 * feed's handshake without a token, from a foreign page, and with each token. No worker runs, and the run is paused
 * once its first record is published (the next would go a minute later), so nothing moves it but a request: none
 * refused may change it, nor the datasets.
 */
const system = new TestSystem({ workers: 0, basePort: 5100 });
let run: Run;
let dataset: Dataset;

beforeAll(async () => {
  await system.start();
  run = await system.pausedRun();
  const uploaded = await system.uploadDataset('access', 'text/csv', 'n\n1\n2\n');
  if (uploaded.status !== 201) throw new Error(`uploading the dataset answered ${uploaded.status}`);
  dataset = uploaded.body;
}, 120_000);
afterAll(() => system.stop(), 60_000);

interface Answer {
  status: number;
  authenticate: string | null;
  body: unknown;
}

/** A body sent as it is, of its own type (an upload, or one that is not JSON). */
interface RawBody {
  type: string;
  text: string;
}
const isRaw = (body: unknown): body is RawBody => typeof body === 'object' && body !== null && 'text' in body && 'type' in body;

/**
 * A request to `path` (`:id` standing for the run's id, `:dataset` for the dataset's) with this token, or none; the
 * body as JSON, or a `RawBody` as it is.
 */
async function send(token: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const type: Record<string, string> = body === undefined ? {} : { 'content-type': isRaw(body) ? body.type : 'application/json' };
  const response = await fetch(`${system.apiUrl}${path.replace(':id', run.id).replace(':dataset', dataset.id)}`, {
    method,
    headers: { ...system.authorization(token), ...type },
    body: body === undefined ? undefined : isRaw(body) ? body.text : JSON.stringify(body),
  });
  const json = response.headers.get('content-type')?.startsWith('application/json') ?? false;
  return {
    status: response.status,
    authenticate: response.headers.get('www-authenticate'),
    body: json ? await response.json() : await response.text(),
  };
}

/** The run as it is, and the datasets there are: what no refused request may change. */
async function state(): Promise<string> {
  const { id, status, version, total, ratePerMinute } = (await system.api<Run>('GET', `/runs/${run.id}`)).body;
  const datasets = (await system.api<DatasetPage>('GET', '/datasets?limit=100')).body.items.map((item) => item.id);
  return JSON.stringify({ id, status, version, total, ratePerMinute, datasets });
}

/**
 * Every route that changes something. Rows are objects: an array row shorter than the test's parameters would
 * make jest take the last one for `done`, and wait for it.
 */
const MUTATIONS: { method: string; path: string; body?: unknown }[] = [
  { method: 'POST', path: '/api/runs', body: { total: 10, ratePerMinute: 1 } },
  { method: 'PATCH', path: '/api/runs/:id', body: { ratePerMinute: 2 } },
  { method: 'POST', path: '/api/runs/:id/pause' },
  { method: 'POST', path: '/api/runs/:id/resume' },
  { method: 'POST', path: '/api/runs/:id/stop' },
  { method: 'POST', path: '/api/runs/:id/failures/replay' },
  { method: 'POST', path: '/api/runs/:id/audit/repair' },
  { method: 'POST', path: '/api/run', body: { total: 10, ratePerMinute: 1 } },
  { method: 'PATCH', path: '/api/run', body: { ratePerMinute: 2 } },
  { method: 'DELETE', path: '/api/run' },
  { method: 'POST', path: '/api/datasets?name=refused', body: { type: 'text/csv', text: 'n\n1\n' } satisfies RawBody },
  { method: 'POST', path: '/api/datasets/from-index', body: { index: 'anything' } },
  { method: 'DELETE', path: '/api/datasets/:dataset' },
];

/**
 * Requests that would be a 400, 413 or 415 with a token: without one, each is a 401 like any other, its body and
 * query unread (the token is checked first).
 */
const BAD_WITHOUT_TOKEN: { what: string; method: string; path: string; body?: RawBody }[] = [
  { what: 'malformed JSON', method: 'POST', path: '/api/runs', body: { type: 'application/json', text: '{' } },
  { what: 'a JSON string', method: 'PATCH', path: '/api/runs/:id', body: { type: 'application/json', text: '"x"' } },
  { what: 'text/plain', method: 'POST', path: '/api/runs/:id/pause', body: { type: 'text/plain', text: 'x' } },
  { what: 'a __proto__ field', method: 'POST', path: '/api/run', body: { type: 'application/json', text: '{"__proto__":{}}' } },
  { what: 'over 1 MB', method: 'POST', path: '/api/runs', body: { type: 'application/json', text: ' '.repeat(2 * 1024 * 1024) } },
  { what: 'malformed JSON', method: 'POST', path: '/api/datasets/from-index', body: { type: 'application/json', text: '{' } },
  { what: 'a body of neither CSV nor NDJSON', method: 'POST', path: '/api/datasets', body: { type: 'text/plain', text: 'x' } },
  { what: 'a __proto__ query', method: 'GET', path: '/api/runs?__proto__=1' },
  { what: 'a bad query', method: 'GET', path: '/api/runs?limit=abc' },
  { what: 'a malformed run id', method: 'GET', path: '/api/runs/x:processed-seqs' },
  { what: 'a malformed dataset id', method: 'DELETE', path: '/api/datasets/x:y' },
];

const READS = [
  '/api/datasets',
  '/api/datasets/:dataset',
  '/api/status',
  '/api/runs',
  '/api/runs/:id',
  '/api/runs/:id/history',
  '/api/runs/:id/results',
  '/api/runs/:id/failures',
  '/api/runs/:id/audit',
  '/api/run',
  '/api/workers',
  '/api/session',
];

const OPEN = ['/api/health', '/api/health/ready', '/metrics'];

describe('the REST routes', () => {
  it.each(MUTATIONS)(
    '$method $path without a token, or with a wrong one, is a 401 that names the Bearer scheme',
    async ({ method, path, body }) => {
      const before = await state();
      for (const token of [null, 'not-the-token']) {
        const answer = await send(token, method, path, body);
        expect(answer.status).toBe(401);
        expect(answer.authenticate).toMatch(/^Bearer\b/);
      }
      expect(await state()).toBe(before);
    },
  );

  it.each(MUTATIONS)("$method $path with the viewer's token is a 403", async ({ method, path, body }) => {
    const before = await state();
    const answer = await send(system.tokens.viewer, method, path, body);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ message: expect.stringMatching(/read-only/) });
    expect(await state()).toBe(before);
  });

  it.each(BAD_WITHOUT_TOKEN)('$method $path with $what and no token is a 401, not its 4xx', async ({ method, path, body }) => {
    const before = await state();
    const answer = await send(null, method, path, body);
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 401, body: expect.objectContaining({ statusCode: 401 }) });
    expect(answer.authenticate).toMatch(/^Bearer\b/);
    expect(await state()).toBe(before);
  });

  it('answers a path that is no route with a 404, with a token or without (the routes are public at /api/docs)', async () => {
    for (const token of [null, system.tokens.operator]) expect((await send(token, 'GET', '/api/nothing-here')).status).toBe(404);
  });

  it('times the refused requests in the latency histogram, by route and status', async () => {
    await send(null, 'POST', '/api/runs', { total: 10, ratePerMinute: 1 });
    await send(system.tokens.viewer, 'POST', '/api/runs', { total: 10, ratePerMinute: 1 });
    const metrics = await (await fetch(`${system.apiUrl}/metrics`)).text();
    for (const status of [401, 403]) {
      const series = `${METRIC_NAMES.apiHttpRequestSeconds}_count{method="POST",route="/api/runs",status="${status}"}`;
      const count = Number(
        metrics
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.split(' ')[1] ?? 0,
      );
      expect([series, count > 0]).toEqual([series, true]);
    }
  });

  it.each(READS)("GET %s is a 401 without a token, and a 200 with the viewer's", async (path) => {
    expect((await send(null, 'GET', path)).status).toBe(401);
    expect((await send(system.tokens.viewer, 'GET', path)).status).toBe(200);
  });

  it.each(OPEN)('GET %s needs no token', async (path) => {
    expect((await send(null, 'GET', path)).status).toBe(200);
  });

  it('says the role of each token', async () => {
    expect((await send(system.tokens.operator, 'GET', '/api/session')).body).toEqual({ role: 'operator' } satisfies Session);
    expect((await send(system.tokens.viewer, 'GET', '/api/session')).body).toEqual({ role: 'viewer' } satisfies Session);
  });

  it('lets the operator change the run', async () => {
    const answer = await send(system.tokens.operator, 'PATCH', '/api/runs/:id', { ratePerMinute: 2 });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: run.id, ratePerMinute: 2 });
  });
});

type Handshake = { snapshot: readonly Run[] } | { refused: string };

/** One connection attempt, no retry: the snapshot the feed sends, or the reason it refused the handshake. */
function handshake(options: Partial<ManagerOptions & SocketOptions>): Promise<Handshake> {
  const client: Socket<ServerToClientEvents, ClientToServerEvents> = io(system.apiUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  return new Promise<Handshake>((resolve) => {
    client.once('snapshot', (runs) => resolve({ snapshot: runs }));
    client.once('connect_error', (error) => resolve({ refused: error.message }));
  }).finally(() => client.close());
}

describe('the live feed', () => {
  const foreign = { origin: 'https://evil.example' };
  const TOKEN_REFUSED = new RegExp(`^${LIVE_TOKEN_REFUSED}$`);

  it.each<[string, Partial<ManagerOptions & SocketOptions>, RegExp]>([
    ['without a token', {}, TOKEN_REFUSED],
    ['with a wrong token', { auth: { token: 'not-the-token' } }, TOKEN_REFUSED],
    [
      'from a foreign page, over WebSocket',
      { auth: { token: system.tokens.viewer }, extraHeaders: foreign },
      /origin https:\/\/evil\.example may not/,
    ],
    [
      'from a foreign page, over polling',
      { auth: { token: system.tokens.viewer }, extraHeaders: foreign, transports: ['polling'] },
      /origin https:\/\/evil\.example may not/,
    ],
  ])('refuses the handshake %s', async (_, options, reason) => {
    expect(await handshake(options)).toEqual({ refused: expect.stringMatching(reason) });
  });

  it.each(['operator', 'viewer'] as const)("sends the snapshot to the %s's token, from the dashboard's own page", async (role) => {
    const answer = await handshake({ auth: { token: system.tokens[role] }, extraHeaders: { origin: system.apiUrl } });
    expect(answer).toEqual({ snapshot: expect.arrayContaining([expect.objectContaining({ id: run.id })]) });
  });

  it('sends the snapshot to a client that sends no origin (not a browser), with a token', async () => {
    expect(await handshake({ auth: { token: system.tokens.viewer } })).toEqual({ snapshot: expect.any(Array) });
  });
});
