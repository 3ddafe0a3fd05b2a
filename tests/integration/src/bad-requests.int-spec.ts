import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Dataset, DatasetPage, Run, RunPage } from '@app/contracts';
import { TestSystem } from '@app/testing';

/**
 * Bad requests, each to every route, against the api as `npm start` runs it: serving the built dashboard, whose
 * static module once turned the body parser's errors into 404s. Each must be a 4xx with a JSON message (a 404
 * only for a well-formed id of no run or dataset, or a method the route does not take), and change nothing. The run
 * the test holds is paused once its first record is published, and no worker runs, so nothing moves it but a
 * request. The api logs its routes (debug), so that the table is checked to hold every one.
 */
const ROOT = resolve(__dirname, '../../..');
const DASHBOARD_DIR = process.env['INTEGRATION_DASHBOARD_DIR'] ?? join(ROOT, 'dist', 'apps', 'dashboard', 'browser');

const system = new TestSystem({ workers: 0, basePort: 4810, env: { DASHBOARD_DIR, LOG_LEVEL: 'debug' } });
let run: Run;
let dataset: Dataset;

beforeAll(async () => {
  if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) throw new Error(`no built dashboard in ${DASHBOARD_DIR}: build it first`);
  await system.start();
  run = await system.pausedRun();
  const uploaded = await system.uploadDataset('bad-requests', 'text/csv', 'n\n1\n2\n');
  if (uploaded.status !== 201) throw new Error(`uploading the dataset answered ${uploaded.status}`);
  dataset = uploaded.body;
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

/** The run's state, the number of runs and the datasets there are: what no bad request may change. */
async function snapshot(): Promise<string> {
  const page = await system.api<RunPage>('GET', '/runs?limit=100');
  const now = await system.api<Run>('GET', `/runs/${run.id}`);
  const datasets = (await system.api<DatasetPage>('GET', '/datasets?limit=100')).body.items.map((item) => item.id);
  const { id, status, version, total, ratePerMinute, processor, published } = now.body;
  return JSON.stringify({ runs: page.body.items.length, id, status, version, total, ratePerMinute, processor, published, datasets });
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

/**
 * Every route of the api's router, checked against the routes it maps (the docs, outside the router, have their own
 * test); `:id` is the run the test holds, or under `/api/datasets` its dataset. The upload (`POST /api/datasets`) takes
 * CSV or NDJSON, so it names those types when it refuses another, but is refused every bad JSON body as any route is.
 */
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
  ['GET', '/api/runs/:id/deliveries'],
  ['GET', '/api/workers'],
  ['GET', '/api/session'],
  ['GET', '/api/status'],
  ['POST', '/api/datasets'],
  ['POST', '/api/datasets/from-index'],
  ['GET', '/api/datasets'],
  ['GET', '/api/datasets/:id'],
  ['DELETE', '/api/datasets/:id'],
  ['GET', '/api/health'],
  ['GET', '/api/health/ready'],
  ['GET', '/metrics'],
];
/** The docs, served outside the router and open to all: they read no body, and must not fail for one. */
const DOCS = ['/api/docs', '/api/docs-json'];
const isDatasetRoute = (path: string) => path.startsWith('/api/datasets/');
const at = (path: string, id = isDatasetRoute(path) ? dataset.id : run.id) => path.replace(':id', id);

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
  ['text/plain', 415, /^content-type must be .+, not "text\/plain"$/, { 'content-type': 'text/plain' }, VALID],
  [
    'a form',
    415,
    /^content-type must be .+, not "application\/x-www-form-urlencoded"$/,
    { 'content-type': 'application/x-www-form-urlencoded' },
    'total=10&ratePerMinute=60',
  ],
  ['no content-type', 415, /^content-type must be .+, not missing$/, {}, VALID],
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

/** Bodies of `POST /api/datasets/from-index`, refused by validation, naming the field. */
const BAD_FROM_INDEX: [name: string, body: string, message: RegExp][] = [
  ['no index', '{}', /^index must be an index name/],
  ['a number for the index', '{"index":5}', /^index must be an index name/],
  ['an index name over 255 characters', `{"index":"${'i'.repeat(256)}"}`, /^index must be an index name/],
  ['a query that is not an object', '{"index":"x","query":"*"}', /^query must be an Elasticsearch query object$/],
  ['an empty name', '{"index":"x","name":""}', /^name must be a string/],
  ['an unknown field', '{"index":"x","size":1}', /^property size should not exist$/],
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
  ['/api/runs/:id/deliveries?__proto__=1', /^property __proto__ should not exist$/],
  ['/api/datasets?limit=abc', /^limit must be/],
  ['/api/datasets?cursor=x:y', /^cursor must be a dataset id$/],
  ['/api/datasets?colour=red', /^property colour should not exist$/],
  ['/api/datasets?__proto__=1', /^property __proto__ should not exist$/],
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
  ['DELETE', '/api/session'],
  ['POST', '/api/status'],
  ['DELETE', '/api/datasets'],
  ['PUT', '/api/datasets/:id'],
  ['PATCH', '/api/datasets/from-index'],
  ['POST', '/api/health/ready'],
  ['POST', '/metrics'],
  ['GET', '/api/nothing-here'],
  ['GET', '/metrics/nothing-here'],
];

/** Ids of no run or dataset that are not run or dataset ids. */
const MALFORMED_IDS = ['x:processed-seqs', 'x:failed-seqs', '%00', 'a'.repeat(200), '%ff', '..%2F..%2Fetc', '%E2%98%83', '*'];
const ID_ROUTES = ROUTES.filter(([, path]) => path.includes(':id'));
const WELL_FORMED_UNKNOWN_ID = '0000000000000000';

describe('bad requests', () => {
  it('run against the api serving the dashboard', async () => {
    const page = await send('GET', '/runs/anything');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<!doctype html>/i);
  });

  it('go to every route the api maps: the table has each one', async () => {
    expect(ROUTES.map(([method, path]) => `${method} ${path}`).sort()).toEqual((await system.mappedRoutes()).sort());
  });

  describe.each(BAD_BODIES)('a body of %s', (_, status, message, headers, body) => {
    it.each(ROUTES)(`is a ${status} on %s %s`, (method, path) => expectRefused(method, at(path), [status], message, headers, body));
  });

  describe.each(DOCS)('the docs at %s', (path) => {
    it.each(BAD_BODIES)('answer despite a body of %s, which they do not read', async (_, _status, _message, headers, body) => {
      const before = await snapshot();
      expect((await send('GET', path, headers, body)).status).toBe(200);
      expect(await snapshot()).toBe(before);
    });
  });

  it.each(BAD_FROM_INDEX)('a dataset from an index with %s is a 400 naming the field', (_, body, message) =>
    expectRefused('POST', '/api/datasets/from-index', [400], message, JSON_TYPE, body),
  );

  describe.each(BAD_FIELDS)('a definition with %s', (_, body, message) => {
    it.each(DTO_ROUTES)('is a 400 naming the field on %s %s', (method, path) =>
      expectRefused(method, at(path), [400], message, JSON_TYPE, body),
    );
  });

  it.each(BAD_QUERIES)('%s is a 400 naming the parameter', (path, message) => expectRefused('GET', at(path), [400], message));

  it.each(WRONG_METHODS)('%s %s is a 404 or a 405', (method, path) =>
    expectRefused(method, at(path), [404, 405], /^Cannot /, JSON_TYPE, '{}'),
  );

  it('a well-formed id of no run or dataset is a 404 on every route of one', async () => {
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
 * Malformed run and dataset ids: a 400, as every `:id` is checked against its pattern (`RunIdPipe`, `DatasetIdPipe`)
 * before it goes near a key name or a document id; never a 5xx, always a JSON message, and nothing changed.
 */
describe('malformed ids', () => {
  describe.each(MALFORMED_IDS.map((id) => [id.length > 40 ? `${id.slice(0, 12)}… (${id.length} chars)` : id, id]))('%s', (_, id) => {
    it.each(ID_ROUTES)('is a 400 on %s %s', (method, path) =>
      expectRefused(
        method,
        at(path, id),
        [400],
        // The id pipe's message, or Express's for a parameter that does not decode (`%ff`).
        isDatasetRoute(path) ? /id must be a dataset id|Failed to decode param/ : /id must be a run id|Failed to decode param/,
        method === 'PATCH' ? JSON_TYPE : {},
        method === 'PATCH' ? '{"total":20}' : undefined,
      ),
    );
  });
});
