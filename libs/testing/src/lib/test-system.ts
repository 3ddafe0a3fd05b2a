import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, ClusterConnectionPool } from '@elastic/elasticsearch';
import { connect, type ChannelModel } from 'amqplib';
import Redis from 'ioredis';
import { amqpNames, elasticsearchIndices, type AmqpNames, type Dataset, type ElasticsearchIndices, type Run } from '@app/contracts';
import { onFailure, RETRY_AFTER_DELAYS_MS } from '@app/domain';

const ROOT = resolve(__dirname, '../../../..');
const LOG_DIR = join(ROOT, 'tmp', 'system-logs');

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const ELASTICSEARCH_URL = process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200';

type AppName = 'api' | 'scheduler' | 'worker';

/** A well-formed run id (9 base-36 time digits and a suffix) that no test creates: the api answers 404 for it. */
export const UNKNOWN_RUN_ID = 'zzzzzzzzz0000000';

export interface SystemOptions {
  workers: number;
  schedulers?: number;
  /** Api instances (default 1), named `api`, `api-2`... */
  apis?: number;
  /** First of a block of free ports: the apis, the schedulers, then one per worker. */
  basePort: number;
  /** Redis of the processes and of the test's own client; the machine's by default. */
  redisUrl?: string;
  /** Instead of `redisUrl`: the master these Sentinels name (`REDIS_SENTINELS`, `REDIS_MASTER_NAME`). */
  redisSentinels?: { sentinels: { host: string; port: number }[]; masterName: string };
  /**
   * A RabbitMQ cluster's nodes, given to the processes as `AMQP_URLS` (and `AMQP_URL` left out); the test's own client
   * takes whichever answers. The machine's RabbitMQ (`AMQP_URL`) by default.
   */
  amqpUrls?: string[];
  /**
   * Instead of the one Elasticsearch node: every node of a cluster (`ELASTICSEARCH_NODES`), for the processes and the
   * test's own client alike.
   */
  elasticsearchNodes?: string[];
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Extra environment for the workers only. */
  workerEnv?: Record<string, string>;
  /** Start of the namespace's name (`it` for tests, `bench` for benchmarks). */
  label?: string;
  /**
   * A fixed namespace instead of a fresh one per system, for a benchmark that keeps what it seeded between runs
   * (with `keepIndices`).
   */
  namespace?: string;
  /** Whether `stop()` leaves the namespace's Elasticsearch indices in place (its queues and Redis keys still go). */
  keepIndices?: boolean;
}

/**
 * The whole pipeline as real processes (the built apps) in a namespace of its own, plus direct
 * clients of the services for the assertions. `stop()` shuts the processes down and removes every
 * queue, key and index of the namespace, leaving the machine's services as they were.
 */
export class TestSystem {
  readonly namespace: string;
  readonly apiUrl: string;
  readonly names: AmqpNames;
  readonly indices: ElasticsearchIndices;
  readonly redis: Redis;
  readonly es: Client;
  amqp!: ChannelModel;
  /** The api's tokens in this system: the operator's (`API_TOKEN`), which `api()` sends, and the viewer's. */
  readonly tokens = { operator: randomBytes(24).toString('hex'), viewer: randomBytes(24).toString('hex') };
  private readonly processes = new Map<string, ChildProcess>();

  constructor(private readonly options: SystemOptions) {
    this.namespace = options.namespace ?? `${options.label ?? 'it'}-${randomBytes(3).toString('hex')}`;
    this.names = amqpNames(this.namespace);
    this.indices = elasticsearchIndices(`${this.namespace}-`);
    this.apiUrl = `http://127.0.0.1:${options.basePort}`;
    // The pool the apps use (ElasticsearchConnection says why), so that a node killed by a test never strands this client.
    this.es = new Client({ nodes: options.elasticsearchNodes ?? [ELASTICSEARCH_URL], ConnectionPool: ClusterConnectionPool });
    const sentinels = options.redisSentinels;
    this.redis = sentinels
      ? new Redis({ sentinels: sentinels.sentinels, name: sentinels.masterName, lazyConnect: true, sentinelRetryStrategy: () => 200 })
      : new Redis(this.redisUrl, { lazyConnect: true });
    // While a failover is under way the client cannot reach a master; it retries, and the test's reads fail meanwhile.
    if (sentinels) this.redis.on('error', () => undefined);
  }

  private get amqpUrls(): string[] {
    return this.options.amqpUrls ?? [AMQP_URL];
  }

  private get redisUrl(): string {
    return this.options.redisUrl ?? REDIS_URL;
  }

  async start(): Promise<void> {
    mkdirSync(LOG_DIR, { recursive: true });
    await this.redis.connect();
    this.amqp = await connectToAnyNode(this.amqpUrls);
    // A broker restart (a fault some tests inject) closes it; tests that use it open their channels earlier.
    this.amqp.on('error', () => undefined);
    const starting = [...this.processNames('api', this.apiCount), ...this.processNames('scheduler', this.schedulerCount)].map((name) =>
      this.restart(name),
    );
    await Promise.all(starting);
    for (let i = 1; i <= this.options.workers; i++) await this.startWorker(i);
  }

  /** Starts worker number `n` (its id is `worker-<n>`) and waits until it is ready. */
  startWorker(n: number): Promise<void> {
    return this.restart(`worker-${n}`);
  }

  /**
   * Starts the process of that name (`api`, `api-2`, `scheduler-1`, `worker-2`...) on its own port, as
   * after a crash, and waits until it is ready.
   */
  async restart(name: string): Promise<void> {
    const [app, n] = parseName(name);
    const port = this.portOf(app, n);
    this.launch(app, port, name, app === 'worker' ? this.options.workerEnv : {});
    const path = app === 'api' ? '/api/health/ready' : '/health/ready';
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}${path}`)).ok, 60_000, `${name} to be ready`);
  }

  /** The operating system's pid of the process of that name (`api`, `worker-1`...), while it runs. */
  pid(name: string): number | undefined {
    return this.processes.get(name)?.pid;
  }

  /** Whether the process of that name runs. */
  isRunning(name: string): boolean {
    return this.processes.has(name);
  }

  /** Sends a signal to one process by name (`api`, `scheduler-1`, `worker-2`...) and waits for it to exit. */
  async kill(name: string, signal: NodeJS.Signals): Promise<void> {
    const child = this.processes.get(name);
    if (!child) throw new Error(`no process ${name}`);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.processes.delete(name);
  }

  private get schedulerCount(): number {
    return this.options.schedulers ?? 1;
  }

  private get apiCount(): number {
    return this.options.apis ?? 1;
  }

  private processNames(app: AppName, count: number): string[] {
    return Array.from({ length: count }, (_, i) => (app === 'api' && i === 0 ? 'api' : `${app}-${i + 1}`));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((child) => terminate(child)));
    await this.removeNamespace();
    await this.amqp?.close().catch(() => undefined);
    await this.redis.quit();
    await this.es.close();
  }

  /**
   * A run that stays as it is while a test pokes at it: 1,000 records at 1/min, paused once its first record (which
   * goes at once; the next is due a minute later) is published.
   */
  async pausedRun(): Promise<Run> {
    const created = await this.api<Run>('POST', '/runs', { total: 1_000, ratePerMinute: 1 });
    if (created.status !== 201) throw new Error(`creating the run answered ${created.status}`);
    const run = created.body;
    await waitFor(
      async () => (await this.api<Run>('GET', `/runs/${run.id}`)).body.published === 1,
      30_000,
      'the first record to be published',
    );
    const paused = await this.api<Run>('POST', `/runs/${run.id}/pause`);
    if (paused.status !== 200) throw new Error(`pausing the run answered ${paused.status}`);
    return paused.body;
  }

  /** A request to the api's REST under `/api`, with the operator's token. */
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return this.apiAs(this.tokens.operator, method, path, body);
  }

  /** A request to the api's REST under `/api` with the given token, or none (`null`). */
  async apiAs<T>(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.apiUrl}/api${path}`, {
      method,
      headers: { ...this.authorization(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /**
   * `POST /api/datasets?name=` with the body as given (a string, or chunks sent as they are produced) and a token (the
   * operator's unless told, `null` for none).
   */
  async uploadDataset<T = Dataset>(
    name: string,
    type: string,
    body: string | AsyncIterable<Uint8Array>,
    token: string | null = this.tokens.operator,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.apiUrl}/api/datasets?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { ...this.authorization(token), 'content-type': type },
      body: body as BodyInit,
      // A streamed request body must say so (fetch sends it as it is produced).
      ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    } as RequestInit);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** The `authorization` header that carries a token (the operator's by default), for requests made otherwise. */
  authorization(token: string | null = this.tokens.operator): Record<string, string> {
    return token === null ? {} : { authorization: `Bearer ${token}` };
  }

  /**
   * Every route Nest's router mapped in the api, as `METHOD /path/:param`, read from the lines it logs at debug
   * ("Mapped {/api/runs/:id, GET} route"), so the system must run with `LOG_LEVEL: 'debug'`. A spec that must cover
   * every route checks its table against this, so a route added later cannot be missed.
   */
  async mappedRoutes(): Promise<string[]> {
    const routes = () => [...readFileSync(this.logFile('api'), 'utf8').matchAll(/Mapped \{([^,]+), (\w+)\} route/g)];
    await waitFor(async () => routes().length > 0, 10_000, 'the mapped routes in the api log (LOG_LEVEL=debug)');
    return routes().map(([, path, method]) => `${method} ${path}`);
  }

  /** The file the output of the process of that name (`api`, `scheduler-1`, `worker-2`...) goes to. */
  logFile(name: string): string {
    return join(LOG_DIR, `${this.namespace}-${name}.log`);
  }

  /** Where the process of that name (`api`, `scheduler-1`, `worker-2`...) listens: its `/health` and `/metrics`. */
  url(name: string): string {
    return `http://127.0.0.1:${this.portOf(...parseName(name))}`;
  }

  /** The port of instance `n` of an app: the apis from `basePort` on, then the schedulers, then the workers. */
  private portOf(app: AppName, n: number): number {
    const first = { api: 0, scheduler: this.apiCount, worker: this.apiCount + this.schedulerCount }[app];
    return this.options.basePort + first + n - 1;
  }

  /** The sum of a counter over every worker's `/metrics`. */
  async workerMetric(name: string): Promise<number> {
    let sum = 0;
    for (let i = 1; i <= this.options.workers; i++) {
      const text = await (await fetch(`${this.url(`worker-${i}`)}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      sum += Number(line?.split(' ')[1] ?? 0);
    }
    return sum;
  }

  private launch(app: AppName, port: number, name: string = app, env: Record<string, string> = {}): void {
    // The apps refuse AMQP_URL and AMQP_URLS both: a cluster's system drops the first if the test's environment has it.
    const inherited = { ...process.env };
    if (this.options.amqpUrls) delete inherited['AMQP_URL'];
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'main.js')], {
      env: {
        ...inherited,
        NAMESPACE: this.namespace,
        PORT: String(port),
        REDIS_URL: this.redisUrl,
        ...(this.options.redisSentinels && {
          REDIS_SENTINELS: this.options.redisSentinels.sentinels.map(({ host, port }) => `${host}:${port}`).join(','),
          REDIS_MASTER_NAME: this.options.redisSentinels.masterName,
        }),
        ...(this.options.amqpUrls ? { AMQP_URLS: this.options.amqpUrls.join(',') } : { AMQP_URL }),
        // Empty is unset: the apps refuse both variables at once, whatever the test's own environment has.
        ...(this.options.elasticsearchNodes
          ? { ELASTICSEARCH_URL: '', ELASTICSEARCH_NODES: this.options.elasticsearchNodes.join(',') }
          : { ELASTICSEARCH_URL, ELASTICSEARCH_NODES: '' }),
        WORKER_ID: name,
        SCHEDULER_ID: name,
        API_TOKEN: this.tokens.operator,
        API_READ_TOKEN: this.tokens.viewer,
        ...this.options.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(this.logFile(name));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.processes.set(name, child);
  }

  private async removeNamespace(): Promise<void> {
    await removeNamespace(this.namespace, this.redis, this.es, this.options.env, this.options.keepIndices, this.amqpUrls);
  }
}

/** The retry queues workers given this environment may have declared: from the retry policy it sets, and an endpoint's Retry-After. */
function retryQueues(names: AmqpNames, env: Record<string, string> = {}): string[] {
  const policy = {
    maxAttempts: Number(env['JOB_MAX_ATTEMPTS'] ?? 3),
    baseDelayMs: Number(env['JOB_RETRY_BASE_DELAY_MS'] ?? 1_000),
  };
  const queues = RETRY_AFTER_DELAYS_MS.map((delayMs) => names.retryQueue(delayMs));
  for (let attempt = 1; attempt < policy.maxAttempts; attempt++) {
    const decision = onFailure(policy, attempt);
    if (decision.retry) queues.push(names.retryQueue(decision.delayMs));
  }
  return queues;
}

/**
 * Removes every queue, exchange, Redis key and index of a namespace whose processes ran with `env`
 * (a TestSystem's, or a system started some other way), leaving the machine's services as they were.
 */
export async function removeNamespace(
  namespace: string,
  redis: Redis,
  es: Client,
  env?: Record<string, string>,
  keepIndices = false,
  amqpUrls: readonly string[] = [AMQP_URL],
): Promise<void> {
  const names = amqpNames(namespace);
  // A connection of its own: the test's may have been closed by a broker restart or the loss of its node.
  const amqp = await connectToAnyNode(amqpUrls);
  const channel = await amqp.createChannel();
  for (const queue of [names.jobsQueue, names.deadLetterQueue, ...retryQueues(names, env)]) await channel.deleteQueue(queue);
  await channel.deleteExchange(names.deadLetterExchange);
  await amqp.close();
  if (!keepIndices) await es.indices.delete({ index: `${namespace}-*`, ignore_unavailable: true });
  const keys = await redis.keys(`${namespace}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

/** A connection to the first of the nodes that answers (one node: that one). */
export async function connectToAnyNode(urls: readonly string[]): Promise<ChannelModel> {
  let lastError: unknown;
  for (const url of urls) {
    try {
      return await connect(url);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function parseName(name: string): [AppName, number] {
  const match = /^(api|scheduler|worker)(?:-(\d+))?$/.exec(name);
  if (!match) throw new Error(`no process can be named ${name}`);
  return [match[1] as AppName, Number(match[2] ?? 1)];
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
