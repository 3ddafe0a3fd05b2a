import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(ROOT, 'infra', 'redis-sentinel.sh');
const run = promisify(execFile);

/**
 * Redis with Sentinel as `infra/redis-sentinel.sh` starts it (three servers, three Sentinels), on ports of a test's
 * own and under its own state directory, so that it never meets the machine's Redis or a user's Sentinel setup.
 */
export class SentinelRedis {
  readonly masterName = 'rate-runner';

  constructor(
    /** The three servers' ports (the first starts as master); the Sentinels take the same ports plus 20000. */
    private readonly redisPorts: readonly [number, number, number],
    /** `min-replicas-to-write`: 0 lets a master take writes with no replica, so that a test can make it lose one. */
    private readonly minReplicasToWrite = 1,
  ) {}

  get sentinelPorts(): number[] {
    return this.redisPorts.map((port) => port + 20_000);
  }

  /** As TestSystem's `redisSentinels` and the apps' `REDIS_SENTINELS` take them. */
  get sentinels(): { host: string; port: number }[] {
    return this.sentinelPorts.map((port) => ({ host: '127.0.0.1', port }));
  }

  get ports(): readonly number[] {
    return this.redisPorts;
  }

  up(): Promise<string> {
    return this.script('up');
  }

  down(): Promise<string> {
    return this.script('down');
  }

  /** The port of the server the Sentinels name master now. */
  async masterPort(): Promise<number> {
    return Number((await this.script('master')).trim());
  }

  /** `kill -9` of the server on `port`, as a crash. */
  kill(port: number): Promise<string> {
    return this.script('kill', String(port));
  }

  /** Starts the server on `port` again (a former master comes back empty, and the Sentinels make it a replica). */
  start(port: number): Promise<string> {
    return this.script('start', String(port));
  }

  /** Stops (SIGSTOP) or continues (SIGCONT) the server on `port`: a replica stopped takes none of the master's writes. */
  signal(port: number, signal: 'SIGSTOP' | 'SIGCONT'): void {
    process.kill(Number(readFileSync(join(this.stateDir, String(port), 'redis.pid'), 'utf8').trim()), signal);
  }

  private get stateDir(): string {
    return join(ROOT, 'tmp', `sentinel-${this.redisPorts[0]}`, 'redis-sentinel');
  }

  private async script(...args: string[]): Promise<string> {
    const { stdout } = await run('bash', [SCRIPT, ...args], {
      env: {
        ...process.env,
        STACK_HOME: join(ROOT, 'tmp', `sentinel-${this.redisPorts[0]}`),
        SENTINEL_REDIS_PORTS: this.redisPorts.join(' '),
        SENTINEL_PORTS: this.sentinelPorts.join(' '),
        SENTINEL_MASTER_NAME: this.masterName,
        SENTINEL_MIN_REPLICAS: String(this.minReplicasToWrite),
      },
    });
    return stdout;
  }
}
