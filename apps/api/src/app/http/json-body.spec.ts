import { BadRequestException, HttpException, type ExecutionContext } from '@nestjs/common';
import { Readable } from 'node:stream';
import { checkRequest, JSON_BODY_MAX_DEPTH, JsonBodyGuard, toHttpException, type ParsedRequest } from './json-body';

type Checked = ParsedRequest;

/** A request as the JSON parser leaves it: `body` parsed when the type is JSON and there is a body. */
function request(
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': '2' },
  query = {},
): Checked {
  return { headers, query, body } as Checked;
}

function refusal(checked: Checked): { status: number; message: unknown } | undefined {
  const exception = checkRequest(checked);
  return exception && { status: exception.getStatus(), message: (exception.getResponse() as { message: unknown }).message };
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('checkRequest', () => {
  it.each([
    ['an object', request({ total: 10, ratePerMinute: 60 })],
    ['no body at all', request(undefined, {})],
    ['an empty body of any type', request(undefined, { 'content-type': 'text/plain', 'content-length': '0' })],
    ['JSON with a charset', request({}, { 'content-type': 'Application/JSON; charset=utf-8', 'content-length': '2' })],
    ['a nesting at the limit', request({ a: nested(JSON_BODY_MAX_DEPTH - 2) })],
    ['ordinary query fields', request(undefined, {}, { limit: '10', status: ['a', 'b'] })],
  ])('lets %s through', (_, checked) => {
    expect(checkRequest(checked)).toBeUndefined();
  });

  it.each([
    [
      'a text body',
      request(undefined, { 'content-type': 'text/plain', 'content-length': '5' }),
      415,
      'content-type must be application/json, not "text/plain"',
    ],
    [
      'a form body',
      request(undefined, { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' }),
      415,
      /x-www-form-urlencoded/,
    ],
    ['a body without a type', request(undefined, { 'content-length': '5' }), 415, 'content-type must be application/json, not missing'],
    ['a string', request('x'), 400, 'request body must be a JSON object'],
    ['null', request(null), 400, 'request body must be a JSON object'],
    ['a number', request(1), 400, 'request body must be a JSON object'],
    ['an array', request([{ total: 1 }]), 400, 'request body must be a JSON object'],
    [
      'a nesting past the limit',
      request({ a: nested(JSON_BODY_MAX_DEPTH) }),
      400,
      `request body must not nest deeper than ${JSON_BODY_MAX_DEPTH} levels`,
    ],
    ['__proto__ in the body', request(JSON.parse('{"total":10,"__proto__":{"x":1}}')), 400, ['property __proto__ should not exist']],
    ['constructor in the body', request({ total: 10, constructor: 1 }), 400, ['property constructor should not exist']],
    ['prototype deep in the body', request({ a: [{ prototype: 1 }] }), 400, ['property a.0.prototype should not exist']],
    [
      '__proto__ in the query',
      request(undefined, {}, Object.assign(Object.create(null), { ['__proto__']: '1' })),
      400,
      ['property __proto__ should not exist'],
    ],
  ])('refuses %s', (_, checked, status, message) => {
    const answer = refusal(checked);
    expect(answer?.status).toBe(status);
    if (message instanceof RegExp) expect(answer?.message).toMatch(message);
    else expect(answer?.message).toEqual(message);
  });
});

describe('checkRequest on the dataset upload route', () => {
  const upload = (method: string, path: string, type: string): Checked =>
    ({ method, path, headers: { 'content-type': type, 'transfer-encoding': 'chunked' }, query: { name: 'x' } }) as Checked;

  it.each([
    ['CSV', upload('POST', '/api/datasets', 'text/csv')],
    ['CSV with a charset', upload('POST', '/api/datasets', 'text/csv; charset=utf-8')],
    ['NDJSON', upload('POST', '/api/datasets', 'application/x-ndjson')],
    ['NDJSON to the path as Express also routes it', upload('POST', '/API/Datasets/', 'Application/X-NDJSON')],
  ])('leaves %s unread for the handler', (_, checked) => {
    expect(checkRequest(checked)).toBeUndefined();
  });

  it.each([
    ['CSV to another route', upload('POST', '/api/runs', 'text/csv')],
    ['CSV to a route under the upload', upload('POST', '/api/datasets/from-index', 'text/csv')],
    ['CSV with another method', upload('PUT', '/api/datasets', 'text/csv')],
  ])('still refuses %s with 415', (_, checked) => {
    expect(checkRequest(checked)?.getStatus()).toBe(415);
  });

  it('refuses another type on the upload route naming the types it takes', () => {
    const exception = checkRequest(upload('POST', '/api/datasets', 'text/plain'));

    expect(exception?.getStatus()).toBe(415);
    expect(exception?.getResponse()).toMatchObject({ message: 'content-type must be text/csv or application/x-ndjson, not "text/plain"' });
  });

  it('still refuses a forbidden key in the query of an upload', () => {
    const checked = { ...upload('POST', '/api/datasets', 'text/csv'), query: JSON.parse('{"__proto__":"1"}') as unknown };

    expect(checkRequest(checked)?.getStatus()).toBe(400);
  });
});

describe('toHttpException', () => {
  /** An error shaped as body-parser's (`http-errors`). */
  const parserError = (status: number, props: Record<string, unknown>, message = 'x') =>
    Object.assign(new Error(message), { status, statusCode: status, expose: status < 500, ...props });

  it.each([
    ['too large', parserError(413, { type: 'entity.too.large' }), 413, 'request body must be at most 1 MB'],
    [
      'malformed',
      parserError(400, { type: 'entity.parse.failed' }, 'Unexpected end of JSON input'),
      400,
      'request body is not valid JSON: Unexpected end of JSON input',
    ],
    [
      'a charset',
      parserError(415, { type: 'charset.unsupported', charset: 'latin1' }),
      415,
      'unsupported charset "latin1": the body must be UTF-8 JSON',
    ],
    ['an encoding', parserError(415, { type: 'encoding.unsupported', encoding: 'xyz' }), 415, /unsupported content-encoding "xyz"/],
    [
      'a body not in its encoding',
      parserError(400, { code: 'Z_DATA_ERROR' }, 'incorrect header check'),
      400,
      'request body could not be read: incorrect header check',
    ],
  ])('answers %s with %i', (_, error, status, message) => {
    const exception = toHttpException(error);
    expect(exception?.getStatus()).toBe(status);
    expect(exception?.getResponse()).toMatchObject({ statusCode: status, message });
  });

  it('keeps an HttpException, and leaves a 5xx or any other error to the server', () => {
    const exception = new BadRequestException('no');
    expect(toHttpException(exception)).toBe(exception);
    expect(toHttpException(parserError(500, { type: 'stream.encoding.set' }))).toBeUndefined();
    expect(toHttpException(new Error('boom'))).toBeUndefined();
    expect(toHttpException(undefined)).toBeUndefined();
  });
});

describe('JsonBodyGuard', () => {
  /** A request as Node hands it over: the body still a stream, for the guard to read. */
  function incoming(body: string, headers: Record<string, string>, path = '/api/runs'): ParsedRequest & Readable {
    const length = { 'content-length': String(Buffer.byteLength(body)) };
    return Object.assign(Readable.from([Buffer.from(body)]), { method: 'POST', path, query: {}, headers: { ...length, ...headers } });
  }
  const context = (request: unknown) =>
    ({
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
    }) as unknown as ExecutionContext;
  const guard = new JsonBodyGuard();

  it('reads a JSON object into the body', async () => {
    const request = incoming('{"total":10}', { 'content-type': 'application/json' });
    await expect(guard.canActivate(context(request))).resolves.toBe(true);
    expect(request.body).toEqual({ total: 10 });
  });

  it.each([
    ['malformed JSON', '{"total":', { 'content-type': 'application/json' }, 400, /^request body is not valid JSON/],
    ['a JSON string', '"x"', { 'content-type': 'application/json' }, 400, /^request body must be a JSON object$/],
    ['a charset other than UTF-8', '{}', { 'content-type': 'application/json; charset=latin1' }, 415, /^unsupported charset "latin1"/],
    ['text', 'total=10', { 'content-type': 'text/plain' }, 415, /^content-type must be application\/json/],
  ])('refuses %s with its 4xx', async (_, body, headers, status, message) => {
    const refused = guard.canActivate(context(incoming(body, headers)));
    await expect(refused).rejects.toBeInstanceOf(HttpException);
    await refused.catch((error: HttpException) => {
      expect(error.getStatus()).toBe(status);
      expect(error.message).toMatch(message);
    });
  });

  it("leaves a dataset upload's CSV unread, for its handler", async () => {
    const request = incoming('a,b\n1,2\n', { 'content-type': 'text/csv' }, '/api/datasets');
    await expect(guard.canActivate(context(request))).resolves.toBe(true);
    expect(request.body).toBeUndefined();
    expect(request.readableEnded).toBe(false);
  });
});
