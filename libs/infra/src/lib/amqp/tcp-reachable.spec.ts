import { createServer, type Server } from 'node:net';
import { tcpReachable } from './tcp-reachable';

describe('tcpReachable', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is true for a port that accepts and false for one that refuses', async () => {
    expect(await tcpReachable(`127.0.0.1:${port}`, AbortSignal.timeout(1_000))).toBe(true);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await tcpReachable(`127.0.0.1:${closedPort}`, AbortSignal.timeout(1_000))).toBe(false);
  });

  it('is false once the signal aborts', async () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(await tcpReachable(`127.0.0.1:${port}`, aborted.signal)).toBe(false);
  });
});
