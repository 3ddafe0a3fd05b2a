import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { waitFor } from '@app/testing';

const ROOT = resolve(__dirname, '../../..');

/**
 * A Redis of the suite's own, with an append-only file synced on every write, so that restarting it
 * with and without its data never touches the machine's Redis.
 */
export class OwnRedis {
  private process: ChildProcess | null = null;
  private readonly dir: string;

  constructor(readonly port: number) {
    this.dir = join(ROOT, 'tmp', `fault-redis-${port}`);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes'];
    this.process = spawn('redis-server', [...args, '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await waitFor(
      async () => {
        await probe.connect().catch(() => undefined);
        return (await probe.ping()) === 'PONG';
      },
      10_000,
      `the suite's Redis on port ${this.port}`,
    );
    probe.disconnect();
  }

  /** Stops it as a crash does (SIGKILL); with `loseData` its append-only file goes too. */
  async crash(loseData: boolean): Promise<void> {
    await this.signal('SIGKILL');
    if (loseData) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Stops it as a restart does (SIGTERM: Redis flushes its append-only file and exits). */
  shutdown(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** Closes every client connection from the server side, as a Redis failover or a network drop does. */
  async cutConnections(): Promise<void> {
    const admin = new Redis(this.url);
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await admin.client('KILL', 'TYPE', 'pubsub');
    admin.disconnect();
  }

  async stop(): Promise<void> {
    await this.signal('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    await exited;
    this.process = null;
  }
}
