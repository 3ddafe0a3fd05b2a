import { EventEmitter } from 'node:events';
import type { INestApplication, Logger } from '@nestjs/common';
import { accessEntry, logAccess, type AccessLogRequest } from './access-log';
import { observeAnswers, type ObservedResponse } from './answers';

const RUN = 'm0abcdefgxyz1';
const request = (overrides: Partial<AccessLogRequest> = {}): AccessLogRequest => ({
  method: 'GET',
  path: '/api/runs',
  ip: '10.0.0.7',
  baseUrl: '',
  route: { path: '/api/runs' },
  ...overrides,
});

describe('accessEntry', () => {
  it('gives method, route pattern, status, duration and client, at log', () => {
    const { level, line } = accessEntry(request(), 200, 3.14159);
    expect(level).toBe('log');
    expect(line.fields).toEqual({ method: 'GET', route: '/api/runs', status: 200, durationMs: 3.1, client: '10.0.0.7' });
    expect(line.text).toBe('GET /api/runs 200 in 3.1 ms from 10.0.0.7');
  });

  it("names a run's route by its pattern and gives the run's id a field of its own", () => {
    const { line } = accessEntry(
      request({ method: 'PATCH', path: `/api/runs/${RUN}`, route: { path: '/api/runs/:id' }, params: { id: RUN } }),
      409,
      2,
    );
    expect(line.fields).toMatchObject({ route: '/api/runs/:id', runId: RUN });
    expect(line.text).toBe(`PATCH /api/runs/:id 409 in 2 ms from 10.0.0.7 (run ${RUN})`);
  });

  it('gives no run id for an id that is not one', () => {
    const { line } = accessEntry(request({ route: { path: '/api/runs/:id' }, params: { id: 'x:processed-seqs' } }), 400, 1);
    expect(line.fields).not.toHaveProperty('runId');
  });

  it('logs health and metrics probes at debug', () => {
    for (const path of ['/api/health', '/api/health/ready', '/metrics']) {
      expect(accessEntry(request({ path, route: { path } }), 200, 1).level).toBe('debug');
    }
  });

  it('gives the path, without its query, of a request no route took', () => {
    const { level, line } = accessEntry(request({ path: '/nowhere', route: undefined }), 404, 0.04);
    expect(level).toBe('log');
    expect(line.fields).toEqual({ method: 'GET', path: '/nowhere', status: 404, durationMs: 0, client: '10.0.0.7' });
  });

  it('says when the client went away before the answer', () => {
    const { line } = accessEntry(request(), 200, 5, true);
    expect(line.fields).toMatchObject({ aborted: true });
    expect(line.text).toBe('GET /api/runs aborted in 5 ms from 10.0.0.7');
  });
});

describe('logAccess, told by observeAnswers', () => {
  type Middleware = (request: AccessLogRequest, response: ObservedResponse, next: () => void) => void;

  function setUp() {
    let middleware: Middleware | undefined;
    const app = { use: (handler: Middleware) => (middleware = handler) } as unknown as INestApplication;
    const logged: { level: string; line: unknown }[] = [];
    const logger = {
      log: (line: unknown) => logged.push({ level: 'log', line }),
      debug: (line: unknown) => logged.push({ level: 'debug', line }),
    } as unknown as Logger;
    observeAnswers(app, [logAccess(logger)]);
    if (middleware === undefined) throw new Error('no middleware registered');
    return { middleware, logged };
  }

  const response = () => Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: false });

  it('logs one line once the answer is sent, never the token', () => {
    const { middleware, logged } = setUp();
    const res = response();
    const next = jest.fn();
    const req = { ...request(), headers: { authorization: 'Bearer secret-token-000000000000' } };
    middleware(req, res, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(logged).toEqual([]);

    res.statusCode = 401;
    res.writableFinished = true;
    res.emit('finish');
    res.emit('close');

    expect(logged).toHaveLength(1);
    expect(logged[0].level).toBe('log');
    expect(logged[0].line).toMatchObject({ fields: { status: 401, route: '/api/runs' } });
    expect(JSON.stringify(logged[0].line)).not.toContain('secret-token');
  });

  it('logs a request whose client went away as aborted, and a probe at debug', () => {
    const { middleware, logged } = setUp();
    const gone = response();
    middleware(request(), gone, () => undefined);
    gone.emit('close');
    const probe = response();
    middleware(request({ path: '/metrics', route: { path: '/metrics' } }), probe, () => undefined);
    probe.writableFinished = true;
    probe.emit('finish');

    expect(logged.map(({ level }) => level)).toEqual(['log', 'debug']);
    expect(logged[0].line).toMatchObject({ fields: { aborted: true } });
  });
});
