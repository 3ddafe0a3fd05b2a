import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(ROOT, 'infra', 'elasticsearch-cluster.sh');
const run = promisify(execFile);

/** A node of the cluster by its number, as the script names them (`node-1`...). */
export type ClusterNode = 1 | 2 | 3;

/**
 * Three Elasticsearch nodes as `infra/elasticsearch-cluster.sh` starts them, on HTTP ports of a test's own (transport:
 * each + 100), so that they never meet the single node on 9200 or a cluster a user started on the script's defaults.
 * Their data lives under the script's state directory for those ports, and survives a `kill` and `start`.
 */
export class ElasticsearchCluster {
  constructor(private readonly httpPorts: readonly [number, number, number]) {}

  /** Every node's URL, as TestSystem's `elasticsearchNodes` and the apps' `ELASTICSEARCH_NODES` take them. */
  get nodes(): string[] {
    return this.httpPorts.map((port) => `http://127.0.0.1:${port}`);
  }

  /** Starts the nodes not running and waits until the three form a green cluster. */
  up(): Promise<string> {
    return this.script('up');
  }

  /** Stops the nodes the script started on these ports. */
  down(): Promise<string> {
    return this.script('down');
  }

  /** `kill -9` of one node, as a crash. */
  kill(node: ClusterNode): Promise<string> {
    return this.script('kill', String(node));
  }

  /** Starts one node again, with its data, and waits until it is back in the cluster. */
  start(node: ClusterNode): Promise<string> {
    return this.script('start', String(node));
  }

  /** The nodes holding a started primary shard of `index`. */
  async holdingPrimaries(index: string): Promise<ClusterNode[]> {
    return parseNodes(await this.script('holding-primaries', index));
  }

  /** The elected master. */
  async master(): Promise<ClusterNode> {
    const [master] = parseNodes(await this.script('master'));
    if (master === undefined) throw new Error('no elected master');
    return master;
  }

  private async script(...args: string[]): Promise<string> {
    const { stdout } = await run('bash', [SCRIPT, ...args], { env: { ...process.env, ES_CLUSTER_PORTS: this.httpPorts.join(' ') } });
    return stdout;
  }
}

/** The node numbers the script prints, one a line. */
function parseNodes(output: string): ClusterNode[] {
  return output
    .split('\n')
    .filter((line) => /^[123]$/.test(line.trim()))
    .map((line) => Number(line.trim()) as ClusterNode);
}
