import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { type DeliveryRequest, HttpDelivery, RESPONSE_BODY_LIMIT_BYTES } from './http-delivery';
import { newSigningSecret } from './webhook-signing';

interface Received {
  method: string;
  path: string;
  rawHeaders: string[];
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real endpoint on a free port: each test sets how it answers, and reads what it received. */
describe('HttpDelivery', () => {
  let server: Server;
  let baseUrl: string;
  let answer: (res: ServerResponse, req: IncomingMessage) => void;
  let received: Received[];
  const delivery = new HttpDelivery({ connections: 4 });
  const secret = newSigningSecret();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        received.push({ method: req.method ?? '', path: req.url ?? '', rawHeaders: req.rawHeaders, headers: req.headers, body });
        answer(res, req);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    received = [];
    answer = (res) => res.end('ok');
  });

  afterAll(async () => {
    await delivery.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const deliver = (overrides: Partial<DeliveryRequest> = {}) =>
    delivery.deliver({
      url: `${baseUrl}/hook`,
      method: 'POST',
      body: '{"seq":7,"input":7}',
      timeoutMs: 2_000,
      idempotencyKey: 'run1:7',
      webhookId: 'run1:7',
      secret,
      ...overrides,
    });

  it('sends the body as JSON with the idempotency key and a signature that verifies', async () => {
    await expect(deliver({ method: 'PUT', headers: { Authorization: 'Bearer t0ken' } })).resolves.toMatchObject({
      kind: 'response',
      status: 200,
    });

    const [request] = received;
    expect(request).toMatchObject({ method: 'PUT', path: '/hook', body: '{"seq":7,"input":7}' });
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'run1:7',
      'webhook-id': 'run1:7',
      authorization: 'Bearer t0ken',
    });
    expect(Number(request.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1_000, -1);
    const signed = { ...request.headers } as Record<string, string>;
    expect(new Webhook(secret).verify(request.body, signed)).toEqual({ seq: 7, input: 7 });
  });

  it('lets no user header replace ours, whatever its case', async () => {
    const headers = { 'Content-Type': 'text/plain', 'IDEMPOTENCY-KEY': 'mine', 'Webhook-Signature': 'v1,forged', 'x-tenant': 'a' };
    await deliver({ headers });

    const [request] = received;
    const sent = (name: string) => request.rawHeaders.filter((_, i) => i % 2 === 1 && request.rawHeaders[i - 1].toLowerCase() === name);
    expect(sent('content-type')).toEqual(['application/json']);
    expect(sent('idempotency-key')).toEqual(['run1:7']);
    expect(sent('webhook-signature')).toEqual([expect.stringMatching(/^v1,/)]);
    expect(sent('webhook-signature')).not.toEqual(['v1,forged']);
    expect(sent('x-tenant')).toEqual(['a']);
  });

  it('keeps only the first 2 KiB of a response, and closes the connection of an endless one', async () => {
    const chunk = 'x'.repeat(16_384);
    let connectionClosed: Promise<void> | undefined;
    answer = (res) => {
      connectionClosed = new Promise((resolve) => res.socket?.once('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/plain' });
      const writeMore = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', writeMore);
      };
      writeMore();
    };

    const attempt = await deliver();

    expect(attempt).toMatchObject({ kind: 'response', status: 200, retryAfterMs: null, body: 'x'.repeat(RESPONSE_BODY_LIMIT_BYTES) });
    await expect(connectionClosed).resolves.toBeUndefined();
  });

  it('does not cut a character in two at the 2 KiB limit', async () => {
    answer = (res) => res.end(`a${'é'.repeat(2_000)}`);

    const attempt = await deliver();

    expect(attempt).toMatchObject({ kind: 'response', body: `a${'é'.repeat(1_023)}` });
  });

  it('gives the status, the body and the latency of an answer', async () => {
    answer = (res) => setTimeout(() => res.writeHead(201).end('{"id":1}'), 50);

    const attempt = await deliver();

    expect(attempt).toMatchObject({ kind: 'response', status: 201, body: '{"id":1}' });
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(45);
  });

  it('reads the Retry-After of a 429', async () => {
    answer = (res) => res.writeHead(429, { 'retry-after': '7' }).end('slow down');

    await expect(deliver()).resolves.toMatchObject({ kind: 'response', status: 429, body: 'slow down', retryAfterMs: 7_000 });
  });

  it('does not follow a redirect', async () => {
    answer = (res) => res.writeHead(302, { location: '/elsewhere' }).end();

    await expect(deliver()).resolves.toMatchObject({ kind: 'response', status: 302 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.map((request) => request.path)).toEqual(['/hook']);
  });

  it('times out an endpoint that sends no headers', async () => {
    answer = () => undefined;

    const attempt = await deliver({ timeoutMs: 200 });

    expect(attempt).toMatchObject({ kind: 'error', timedOut: true, error: 'timed out after 200 ms' });
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(195);
    expect(attempt.latencyMs).toBeLessThan(1_500);
  });

  it('times out an endpoint that sends its headers and then stalls its body', async () => {
    answer = (res) => {
      res.writeHead(200);
      res.write('partial');
    };

    await expect(deliver({ timeoutMs: 200 })).resolves.toMatchObject({ kind: 'error', timedOut: true });
  });

  it('answers a refused connection as an error, not a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const attempt = await deliver({ url: `http://127.0.0.1:${port}/hook` });

    expect(attempt).toMatchObject({ kind: 'error', timedOut: false, error: expect.stringContaining('ECONNREFUSED') });
  });
});
