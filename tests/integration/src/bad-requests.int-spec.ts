import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Run, RunPage } from '@app/contracts';
import { TestSystem } from '@app/testing';

/**
 * Bad requests, each to every route, against the api as `npm start` runs it: serving the built dashboard, whose
 * static module once turned the body parser's errors into 404s. Each must be a 4xx with a JSON message (a 404
 * only for a well-formed id of no run, or a method the route does not take), and change nothing. The run the test
 * holds is paused once its first record is published, and no worker runs, so nothing moves it but a request.
 */
const ROOT = resolve(__dirname, '../../..');
const DASHBOARD_DIR = process.env['INTEGRATION_DASHBOARD_DIR'] ?? join(ROOT, 'dist', 'apps', 'dashboard', 'browser');

const system = new TestSystem({ workers: 0, basePort: 4810, env: { DASHBOARD_DIR } });
let run: Run;

beforeAll(async () => {
  if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) throw new Error(`no built dashboard in ${DASHBOARD_DIR}: build it first`);
  await system.start();
  run = await system.pausedRun();
}, 120_000);
afterAll(() => system.stop(), 60_000);

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** One raw request (node:http, so that any header, body or path goes out exactly as written). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Answer> {
  return new Promise((done, fail) => {
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const request = httpRequest(
      `${system.apiUrl}${path}`,
      { method, headers: { ...system.authorization(), ...length, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          done({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    request.on('error', fail);
    request.end(body);
  });
}

/** The run's state and the number of runs: what no bad request may change. */
async function snapshot(): Promise<string> {
  const page = await system.api<RunPage>('GET', '/runs?limit=100');
  const now = await system.api<Run>('GET', `/runs/${run.id}`);
  const { id, status, version, total, ratePerMinute, processor, published } = now.body;
  return JSON.stringify({ runs: page.body.items.length, id, status, version, total, ratePerMinute, processor, published });
}

/** Sends the request and asserts: the status expected, a JSON error naming the problem, and nothing changed. */
async function expectRefused(
  method: string,
  path: string,
  statuses: number[],
  message: RegExp,
  headers?: Record<string, string>,
  body?: Buffer | string,
) {
  const before = await snapshot();
  const answer = await send(method, path, headers, body);
  const what = `${method} ${path.slice(0, 80)} answered ${answer.status} ${answer.text.slice(0, 300)}`;
  expect({ what, status: statuses.includes(answer.status) }).toEqual({ what, status: true });
  expect(answer.contentType).toMatch(/^application\/json/);
  const { message: said } = JSON.parse(answer.text) as { message?: string | string[] };
  expect(said).toBeDefined();
  expect([said].flat().join('\n')).toMatch(message);
  expect(await snapshot()).toBe(before);
}

const JSON_TYPE = { 'content-type': 'application/json' };
const VALID = JSON.stringify({ total: 10, ratePerMinute: 60 });
const deep = (levels: number) => `{"total":${'['.repeat(levels)}${']'.repeat(levels)},"ratePerMinute":60}`;
const TEN_MB = Buffer.alloc(10 * 1024 * 1024, ' ');

/** Every route of the api; `:id` is the run the test holds. */
const ROUTES: [method: string, path: string][] = [
  ['POST', '/api/runs'],
  ['GET', '/api/runs'],
  ['GET', '/api/runs/:id'],
  ['PATCH', '/api/runs/:id'],
  ['POST', '/api/run'],
  ['GET', '/api/run'],
  ['PATCH', '/api/run'],
  ['DELETE', '/api/run'],
  ['POST', '/api/runs/:id/pause'],
  ['POST', '/api/runs/:id/resume'],
  ['POST', '/api/runs/:id/stop'],
  ['GET', '/api/runs/:id/results'],
  ['GET', '/api/runs/:id/history'],
  ['GET', '/api/runs/:id/failures'],
  ['POST', '/api/runs/:id/failures/replay'],
  ['GET', '/api/runs/:id/audit'],
  ['POST', '/api/runs/:id/audit/repair'],
  ['GET', '/api/workers'],
  ['GET', '/api/health/ready'],
];
const at = (path: string, id = run.id) => path.replace(':id', id);

/** Bodies refused on any route, whatever it does with a body: before the route sees the request. */
const BAD_BODIES: [name: string, status: number, message: RegExp, headers: Record<string, string>, body: Buffer | string][] = [
  ['malformed JSON', 400, /^request body is not valid JSON: /, JSON_TYPE, '{"total":10,'],
  ['a JSON string', 400, /^request body must be a JSON object$/, JSON_TYPE, '"x"'],
  ['JSON null', 400, /^request body must be a JSON object$/, JSON_TYPE, 'null'],
  ['a JSON number', 400, /^request body must be a JSON object$/, JSON_TYPE, '42'],
  ['a JSON array', 400, /^request body must be a JSON object$/, JSON_TYPE, `[${VALID}]`],
  ['bytes that are not UTF-8', 400, /^request body is not valid JSON: /, JSON_TYPE, Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3])],
  ['a charset other than UTF-8', 415, /^unsupported charset "latin1"/, { 'content-type': 'application/json; charset=latin1' }, VALID],
  ['an unknown content-encoding', 415, /^unsupported content-encoding "xyz"/, { ...JSON_TYPE, 'content-encoding': 'xyz' }, VALID],
  ['a body that is not the gzip it says', 400, /^request body could not be read: /, { ...JSON_TYPE, 'content-encoding': 'gzip' }, VALID],
  ['10 MB', 413, /^request body must be at most 1 MB$/, JSON_TYPE, TEN_MB],
  ['10 MB once gunzipped', 413, /^request body must be at most 1 MB$/, { ...JSON_TYPE, 'content-encoding': 'gzip' }, gzipSync(TEN_MB)],
  ['text/plain', 415, /^content-type must be application\/json, not "text\/plain"$/, { 'content-type': 'text/plain' }, VALID],
  [
    'a form',
    415,
    /^content-type must be application\/json/,
    { 'content-type': 'application/x-www-form-urlencoded' },
    'total=10&ratePerMinute=60',
  ],
  ['no content-type', 415, /^content-type must be application\/json, not missing$/, {}, VALID],
  ['a __proto__ field', 400, /^property __proto__ should not exist$/, JSON_TYPE, '{"total":10,"ratePerMinute":60,"__proto__":{"total":1}}'],
  ['a constructor field', 400, /^property constructor should not exist$/, JSON_TYPE, '{"total":10,"ratePerMinute":60,"constructor":{}}'],
  ['a prototype field', 400, /^property prototype should not exist$/, JSON_TYPE, '{"total":10,"ratePerMinute":60,"prototype":1}'],
  [
    'a nested __proto__',
    400,
    /^property x\.__proto__ should not exist$/,
    JSON_TYPE,
    '{"total":10,"ratePerMinute":60,"x":{"__proto__":{}}}',
  ],
  ['nesting 100,000 deep', 400, /^request body must not nest deeper than 32 levels$/, JSON_TYPE, deep(100_000)],
];

/** Bodies of the routes that read one (a run's definition or change), refused by validation, naming the field. */
const DTO_ROUTES: [method: string, path: string][] = [
  ['POST', '/api/runs'],
  ['PATCH', '/api/runs/:id'],
  ['POST', '/api/run'],
  ['PATCH', '/api/run'],
];
const BAD_FIELDS: [name: string, body: string, message: RegExp][] = [
  ['an empty body', '', /total|give at least one/],
  ['an empty object', '{}', /total|give at least one/],
  ['numbers as strings', '{"total":"10","ratePerMinute":"60"}', /^total must be/],
  ['a huge number', '{"total":1e400,"ratePerMinute":60}', /^total must be/],
  ['a number past 2^53', '{"total":9007199254740993,"ratePerMinute":60}', /^total must be/],
  ['a negative rate', '{"total":10,"ratePerMinute":-60}', /^ratePerMinute must be/],
  ['"NaN"', '{"total":10,"ratePerMinute":"NaN"}', /^ratePerMinute must be/],
  ['"Infinity"', '{"total":10,"durationMinutes":"Infinity"}', /^durationMinutes must be/],
  ['a hex string', '{"total":"0x10","ratePerMinute":60}', /^total must be/],
  ['a boolean', '{"total":true,"ratePerMinute":60}', /^total must be/],
  ['an object for a number', '{"total":{"$gt":1},"ratePerMinute":60}', /^total must be/],
  ['an unknown processor', '{"total":10,"ratePerMinute":60,"processor":"rm -rf"}', /processor/],
  ['a unicode field', '{"total":10,"ratePerMinute":60,"tötäl💥\\u0000":1}', /^property tötäl💥.* should not exist$/su],
  ['both rate and duration', '{"total":10,"ratePerMinute":60,"durationMinutes":1}', /ratePerMinute|durationMinutes/],
];

const LONG = 'a'.repeat(10_000);
/** Query parameters of the listings, each refused naming the parameter. */
const BAD_QUERIES: [path: string, message: RegExp][] = [
  ...['abc', '0', '101', '1.5', '1e3', 'NaN', '-1', '', '1&limit=2'].map((v): [string, RegExp] => [
    `/api/runs?limit=${v}`,
    /^limit must be/,
  ]),
  ['/api/runs?status=bogus', /^status must be one of/],
  ['/api/runs?status=running&status=paused', /^status must be one of/],
  ['/api/runs?cursor=x:processed-seqs', /^cursor must be a run id$/],
  [`/api/runs?cursor=${LONG}`, /^cursor must be a run id$/],
  ['/api/runs?cursor=%00', /^cursor must be a run id$/],
  ['/api/runs?colour=red', /^property colour should not exist$/],
  ['/api/runs?__proto__=1', /^property __proto__ should not exist$/],
  ['/api/runs?constructor=1', /^property constructor should not exist$/],
  ...['abc', '0', '1001', '1e9'].map((v): [string, RegExp] => [`/api/runs/:id/results?size=${v}`, /^size must be/]),
  ['/api/runs/:id/results?cursor=-1', /^cursor must be a seq$/],
  ['/api/runs/:id/results?seqFrom=NaN', /^seqFrom must be/],
  ['/api/runs/:id/results?seqTo=1e999', /^seqTo must be/],
  ['/api/runs/:id/results?workerId=%00', /^workerId must be a worker id$/],
  [`/api/runs/:id/results?workerId=${'w'.repeat(200)}`, /^workerId must be a worker id$/],
  ['/api/runs/:id/results?seq=1', /^property seq should not exist$/],
  ['/api/runs/:id/failures?size=abc', /^size must be/],
  ['/api/runs/:id/failures?cursor=x', /^cursor must be a seq$/],
  ['/api/runs/:id/failures?__proto__=1', /^property __proto__ should not exist$/],
];

/** Methods the routes do not take: a 404 (Nest's "Cannot PUT …") or a 405, never a 5xx or the dashboard. */
const WRONG_METHODS: [method: string, path: string][] = [
  ['DELETE', '/api/runs'],
  ['PUT', '/api/runs/:id'],
  ['DELETE', '/api/runs/:id'],
  ['PUT', '/api/run'],
  ['GET', '/api/runs/:id/pause'],
  ['PATCH', '/api/runs/:id/stop'],
  ['POST', '/api/runs/:id/results'],
  ['DELETE', '/api/runs/:id/history'],
  ['GET', '/api/runs/:id/failures/replay'],
  ['GET', '/api/runs/:id/audit/repair'],
  ['POST', '/api/workers'],
  ['POST', '/api/health/ready'],
  ['GET', '/api/nothing-here'],
  ['GET', '/metrics/nothing-here'],
];

/** Ids of no run that are not run ids. */
const MALFORMED_IDS = ['x:processed-seqs', 'x:failed-seqs', '%00', 'a'.repeat(200), '%ff', '..%2F..%2Fetc', '%E2%98%83', '*'];
const ID_ROUTES = ROUTES.filter(([, path]) => path.includes(':id'));
const WELL_FORMED_UNKNOWN_ID = '0000000000000000';

describe('bad requests', () => {
  it('run against the api serving the dashboard', async () => {
    const page = await send('GET', '/runs/anything');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<!doctype html>/i);
  });

  describe.each(BAD_BODIES)('a body of %s', (_, status, message, headers, body) => {
    it.each(ROUTES)(`is a ${status} on %s %s`, (method, path) => expectRefused(method, at(path), [status], message, headers, body));
  });

  describe.each(BAD_FIELDS)('a definition with %s', (_, body, message) => {
    it.each(DTO_ROUTES)('is a 400 naming the field on %s %s', (method, path) =>
      expectRefused(method, at(path), [400], message, JSON_TYPE, body),
    );
  });

  it.each(BAD_QUERIES)('%s is a 400 naming the parameter', (path, message) => expectRefused('GET', at(path), [400], message));

  it.each(WRONG_METHODS)('%s %s is a 404 or a 405', (method, path) =>
    expectRefused(method, at(path), [404, 405], /^Cannot /, JSON_TYPE, '{}'),
  );

  it('a well-formed id of no run is a 404 on every route of a run', async () => {
    for (const [method, path] of ID_ROUTES) {
      const [headers, body] = method === 'PATCH' ? [JSON_TYPE, '{"total":20}'] : [{}, undefined];
      await expectRefused(method, at(path, WELL_FORMED_UNKNOWN_ID), [404], new RegExp(WELL_FORMED_UNKNOWN_ID), headers, body);
    }
  });

  it('a URL over 16 kB is refused by Node itself with a 431 (no JSON body) and changes nothing', async () => {
    const before = await snapshot();
    expect((await send('GET', `/api/runs?cursor=${'a'.repeat(20_000)}`)).status).toBe(431);
    expect(await snapshot()).toBe(before);
  });
});

/**
 * Malformed run ids: a 400 once every `:id` is validated against the run-id pattern (being added alongside
 * this spec), a 404 until then; never a 5xx, always a JSON message, and nothing changed.
 */
describe('malformed run ids', () => {
  describe.each(MALFORMED_IDS.map((id) => [id.length > 40 ? `${id.slice(0, 12)}… (${id.length} chars)` : id, id]))('%s', (_, id) => {
    it.each(ID_ROUTES)('is a 400 on %s %s', (method, path) =>
      expectRefused(
        method,
        at(path, id),
        [400],
        // The run-id pipe's message, or Express's for a parameter that does not decode (`%ff`).
        /id must be a run id|Failed to decode param/,
        method === 'PATCH' ? JSON_TYPE : {},
        method === 'PATCH' ? '{"total":20}' : undefined,
      ),
    );
  });
});
