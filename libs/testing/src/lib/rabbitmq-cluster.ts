import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(ROOT, 'infra', 'rabbitmq-cluster.sh');
const run = promisify(execFile);

/** A node of the cluster: 1, 2 or 3. */
export type RabbitmqNode = 1 | 2 | 3;

/**
 * A 3-node RabbitMQ cluster as `infra/rabbitmq-cluster.sh` starts it, on AMQP ports of a test's own, with node names
 * and a state directory of its own (`rr-rabbit-<first port>-N@localhost`), so that it never meets the machine's
 * RabbitMQ, the script's default cluster or another test's.
 */
export class RabbitmqCluster {
  constructor(
    /** The AMQP ports of nodes 1, 2 and 3; the script derives the Erlang distribution ports from them. */
    private readonly amqpPorts: readonly [number, number, number],
  ) {}

  /** The nodes' URLs, as TestSystem's `amqpUrls` and the apps' `AMQP_URLS` take them. */
  get urls(): string[] {
    return this.amqpPorts.map((port) => `amqp://guest:guest@127.0.0.1:${port}`);
  }

  /** The URL of node `n`. */
  url(n: RabbitmqNode): string {
    return this.urls[n - 1];
  }

  /** Starts the nodes not running and joins them into one cluster (a fresh one after `down`). */
  up(): Promise<string> {
    return this.script('up');
  }

  /** Stops the nodes and removes their data. */
  down(): Promise<string> {
    return this.script('down');
  }

  /** `kill -9` of node `n`, as a crash; its data stays for `start`. */
  kill(n: RabbitmqNode): Promise<string> {
    return this.script('kill', String(n));
  }

  /** Starts node `n` again; it rejoins the cluster. */
  start(n: RabbitmqNode): Promise<string> {
    return this.script('start', String(n));
  }

  /** The node leading the quorum queue `queue`. */
  async leader(queue: string): Promise<RabbitmqNode> {
    return Number((await this.script('leader', queue)).trim()) as RabbitmqNode;
  }

  private async script(...args: string[]): Promise<string> {
    const { stdout } = await run('bash', [SCRIPT, ...args], {
      env: {
        ...process.env,
        STACK_HOME: join(ROOT, 'tmp', `rabbitmq-${this.amqpPorts[0]}`),
        RABBIT_CLUSTER_PORTS: this.amqpPorts.join(' '),
        RABBIT_CLUSTER_NAME: `rr-rabbit-${this.amqpPorts[0]}`,
      },
    });
    return stdout;
  }
}
