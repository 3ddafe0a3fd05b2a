import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import { elasticsearchIndices, jobId, type JobDocument, type Run, type WorkerStatus } from '@app/contracts';
import { removeNamespace, waitFor } from '@app/testing';

/*
 * `npm start` as a user runs it (scripts/start.sh, on the apps the integration target has built), in a
 * namespace and on ports of its own: a worker, the scheduler and then the api are killed with SIGKILL while a
 * run publishes, the supervisor restarts each, and the run still ends with every record stored once.
 */
const ROOT = resolve(__dirname, '../../..');
const LOG_DIR = join(ROOT, 'tmp', 'system-logs');
const NAMESPACE = `it-sup-${randomBytes(3).toString('hex')}`;
const API_PORT = 4731;
const SCHEDULER_PORT = 4732;
const WORKER_BASE_PORT = 4733;
const API = `http://127.0.0.1:${API_PORT}/api`;
const TOTAL = 3_000;
const RATE = 18_000;
/** Given, so the start neither reads nor writes the repository's .env. */
const API_TOKEN = randomBytes(24).toString('hex');

const es = new Client({ node: process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200' });
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const jobsIndex = elasticsearchIndices(`${NAMESPACE}-`).jobs;
// A state dir of its own, so infra/stack.sh finds no marker of a service started by another run and
// neither `up` nor `down` can touch the machine's services.
const stackHome = mkdtempSync(join(tmpdir(), `${NAMESPACE}-stack-`));

let start: ChildProcess | undefined;
let exited: Promise<number | null> | undefined;
const lines: string[] = [];
/** Every pid the supervisor reported for an app, so that none can outlive the test. */
const appPids = new Set<number>();

/** Waits for a line of start.sh's output from index `after` on to match; fails showing the last lines. */
async function waitForLine(pattern: RegExp, timeoutMs: number, after = 0): Promise<void> {
  const found = async () => lines.slice(after).some((line) => pattern.test(line));
  try {
    await waitFor(found, timeoutMs, `a line matching ${pattern}`);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last lines:\n${lines.slice(-20).join('\n')}`);
  }
}

/** The pid the supervisor last reported for an app, checked to be that app's live node process. */
function currentPid(name: string): number {
  const pattern = new RegExp(`^\\[start\\] ${name} (?:started|restarted) \\(pid (\\d+)`);
  const pid = Number(
    lines
      .filter((line) => pattern.test(line))
      .at(-1)
      ?.match(pattern)?.[1],
  );
  const app = name.replace(/-\d+$/, '');
  expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain(`dist/apps/${app}/main.js`);
  return pid;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The promise's value, or `timedOut` after `ms`; the timer never outlives it (Jest would wait for it). */
async function within<T>(promise: Promise<T>, ms: number, timedOut: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(timedOut), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The seq of every document of the run in the jobs index, each checked to be stored under runId:seq. */
async function storedSeqs(runId: string): Promise<number[]> {
  await es.indices.refresh({ index: jobsIndex });
  const seqs: number[] = [];
  let searchAfter: number[] | undefined;
  for (;;) {
    const page = await es.search<JobDocument>({
      index: jobsIndex,
      size: 1_000,
      query: { term: { runId } },
      sort: [{ seq: 'asc' }],
      search_after: searchAfter,
    });
    for (const hit of page.hits.hits) {
      const seq = hit._source?.seq ?? -1;
      expect(hit._id).toBe(jobId(runId, seq));
      seqs.push(seq);
    }
    if (page.hits.hits.length < 1_000) return seqs;
    searchAfter = page.hits.hits[page.hits.hits.length - 1].sort as number[];
  }
}

beforeAll(async () => {
  mkdirSync(LOG_DIR, { recursive: true });
  await redis.connect();
  const log = createWriteStream(join(LOG_DIR, `${NAMESPACE}-start.log`));
  // detached: start.sh leads its own process group, which then stands for the terminal's foreground
  // group: SIGINT to the group is what Ctrl-C sends.
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NAMESPACE,
      PORT: String(API_PORT),
      SCHEDULER_PORT: String(SCHEDULER_PORT),
      WORKER_BASE_PORT: String(WORKER_BASE_PORT),
      WORKERS: '2',
      SKIP_BUILD: '1',
      STACK_HOME: stackHome,
      API_TOKEN,
    },
  });
  start = child;
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      log.write(`${line}\n`);
      const pid = /^\[start\] \S+ (?:started|restarted) \(pid (\d+)/.exec(line)?.[1];
      if (pid) appPids.add(Number(pid));
    });
  }
  await waitForLine(
    new RegExp(`^Dashboard \\(this link signs you in\\): http://127\\.0\\.0\\.1:${API_PORT}/#token=${API_TOKEN}$`),
    120_000,
  );
}, 150_000);

afterAll(async () => {
  // Only if the test failed before stopping it: then nothing may outlive it.
  if (start && start.exitCode === null && start.signalCode === null) {
    process.kill(-(start.pid as number), 'SIGTERM');
    await within(exited as Promise<number | null>, 20_000, null);
  }
  for (const pid of [...appPids].filter(alive)) process.kill(-pid, 'SIGKILL');
  await removeNamespace(NAMESPACE, redis, es);
  await redis.quit();
  await es.close();
  rmSync(stackHome, { recursive: true, force: true });
}, 60_000);

describe('npm start (scripts/start.sh) as a process manager', () => {
  it('restarts a worker, the scheduler and the api killed with SIGKILL during a run, which completes with every record stored once', async () => {
    await waitFor(
      async () => (await api<WorkerStatus[]>('GET', '/workers')).map((worker) => worker.id).join() === 'worker-1,worker-2',
      30_000,
      'both workers to report',
    );
    // Each line single-prefixed with its process's name, and no framework wiring at the default level.
    expect(lines.some((line) => /^\[api\] \d+ {2}- .* LOG \[api\] api listening on /.test(line))).toBe(true);
    expect(lines.filter((line) => /^\[(api|scheduler|worker-\d)\] \[/.test(line))).toEqual([]);
    expect(lines.filter((line) => /\[(InstanceLoader|RoutesResolver|RouterExplorer)\]/.test(line))).toEqual([]);

    const run = await api<Run>('POST', '/runs', { total: TOTAL, ratePerMinute: RATE });
    await waitFor(async () => (await api<Run>('GET', `/runs/${run.id}`)).processed >= 300, 20_000, '300 records processed');

    const worker = currentPid('worker-1');
    const workerKilledAt = Date.now();
    let mark = lines.length;
    process.kill(worker, 'SIGKILL');
    await waitForLine(/^\[start\] worker-1 exited with status 137 \(killed by SIGKILL\); restarting in 1 s \(restart 1\)$/, 5_000, mark);

    // Killed while it still publishes: only a restarted scheduler can finish the run.
    const scheduler = currentPid('scheduler');
    expect((await api<Run>('GET', `/runs/${run.id}`)).published).toBeLessThan(TOTAL);
    const schedulerKilledAt = Date.now();
    mark = lines.length;
    process.kill(scheduler, 'SIGKILL');
    await waitForLine(/^\[start\] scheduler exited with status 137 \(killed by SIGKILL\); restarting in 1 s \(restart 1\)$/, 5_000, mark);

    // The api too, while the run cannot have finished (its scheduler is not back yet): what it answers must come
    // from the shared state, not from the process that took the POST.
    const apiPid = currentPid('api');
    expect(await api<Run>('GET', `/runs/${run.id}`)).toMatchObject({ status: 'running' });
    const apiKilledAt = Date.now();
    mark = lines.length;
    process.kill(apiPid, 'SIGKILL');
    await waitForLine(/^\[start\] api exited with status 137 \(killed by SIGKILL\); restarting in 1 s \(restart 1\)$/, 5_000, mark);
    await waitForLine(/^\[start\] api restarted \(pid \d+, port \d+; restart 1\)$/, 10_000, mark);
    expect(currentPid('api')).not.toBe(apiPid);
    expect(alive(apiPid)).toBe(false);
    await waitFor(async () => (await fetch(`${API}/health`)).ok, 20_000, 'the restarted api to answer /api/health');
    const apiBackS = (Date.now() - apiKilledAt) / 1000;
    expect(await api<Run>('GET', `/runs/${run.id}`)).toMatchObject({ id: run.id, total: TOTAL });

    await waitForLine(/^\[start\] worker-1 restarted \(pid \d+, port \d+; restart 1\)$/, 10_000);
    await waitForLine(/^\[start\] scheduler restarted \(pid \d+, port \d+; restart 1\)$/, 10_000);
    const restartedWorker = currentPid('worker-1');
    expect(restartedWorker).not.toBe(worker);
    expect(alive(worker)).toBe(false);
    expect(currentPid('scheduler')).not.toBe(scheduler);
    await waitFor(
      async () => (await api<WorkerStatus[]>('GET', '/workers')).some((w) => w.id === 'worker-1' && w.pid === restartedWorker),
      20_000,
      'the restarted worker-1 to report',
    );
    const workerBackS = (Date.now() - workerKilledAt) / 1000;
    await waitFor(async () => (await fetch(`http://127.0.0.1:${SCHEDULER_PORT}/health/ready`)).ok, 20_000, 'the scheduler to be ready');
    const schedulerBackS = (Date.now() - schedulerKilledAt) / 1000;

    await waitFor(async () => (await api<Run>('GET', `/runs/${run.id}`)).status === 'completed', 90_000, 'the run to complete');
    expect(await api<Run>('GET', `/runs/${run.id}`)).toMatchObject({ total: TOTAL, published: TOTAL, processed: TOTAL, failed: 0 });
    const seqs = await storedSeqs(run.id);
    expect(seqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect((await es.count({ index: jobsIndex, query: { term: { runId: run.id } } })).count).toBe(TOTAL);

    // Ctrl-C: SIGINT to the whole foreground group, start.sh and the supervisor alike.
    const stopping = Date.now();
    process.kill(-(start?.pid as number), 'SIGINT');
    const status = await within<number | null | 'still running'>(exited as Promise<number | null>, 40_000, 'still running');
    expect(status).toBe(0);
    const stopS = (Date.now() - stopping) / 1000;
    expect(lines).toContain('[start] SIGINT: stopping the apps');
    expect(lines).toContain('[start] apps stopped');
    expect(lines.at(-1)).toBe('[start] stopped');
    expect(lines.some((line) => /still running after .*: SIGKILL/.test(line))).toBe(false);
    // Four apps and three restarts, and not one of them left.
    expect(appPids.size).toBe(7);
    expect([...appPids].filter(alive)).toEqual([]);
    await expect(fetch(`${API}/health`)).rejects.toThrow();
    // The services ran before start.sh did, so it leaves them running.
    expect(lines).toContain('[start] Redis, RabbitMQ and Elasticsearch already run: they are left running on exit');
    expect(lines.filter((line) => /^\[stack\] .*stopping/.test(line))).toEqual([]);

    console.log(
      `start.sh: worker-1 answered again ${workerBackS.toFixed(1)} s after its SIGKILL, the scheduler was ready ` +
        `${schedulerBackS.toFixed(1)} s and the api ${apiBackS.toFixed(1)} s after their own; ${TOTAL} records stored once; ` +
        `stopped in ${stopS.toFixed(1)} s`,
    );
  }, 240_000);
});
