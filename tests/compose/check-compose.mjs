// The Compose test's checks, run by scripts/test-compose.sh against the stack it brought up: a run started with
// the token through the dashboard's nginx completes, at least WORKERS workers took its jobs, its documents are in
// the containers' Elasticsearch, and the wiring the Compose file promises holds (health, JSON logs, the client's
// address through nginx, AOF, RabbitMQ's node name, nginx's api instances, re-read when the api is scaled, and
// sticky sessions, the standby scheduler, Redis and RabbitMQ re-created with their volumes, Kibana's objects,
// Prometheus's targets). Prints one line per check; exits non-zero at the first that fails.
//
// Environment: DASHBOARD_URL, API_TOKEN, WORKERS, APIS, SCHEDULERS, PROMETHEUS (1 when it runs), COMPOSE_ENV_FILE
// (the settings file the stack was brought up with); `docker compose` finds the project through
// COMPOSE_PROJECT_NAME, COMPOSE_FILE and COMPOSE_PROFILES.
import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { io } from 'socket.io-client';

const base = process.env.DASHBOARD_URL ?? 'http://127.0.0.1:8080';
const token = process.env.API_TOKEN ?? '';
const workers = Number(process.env.WORKERS ?? 3);
const apis = Number(process.env.APIS ?? 1);
const schedulers = Number(process.env.SCHEDULERS ?? 1);
const total = Number(process.env.RUN_TOTAL ?? 1200);
const ratePerMinute = Number(process.env.RUN_RATE ?? 24000);

const started = Date.now();
function pass(message) {
  console.log(`[compose-check] ok   ${message}`);
}
function fail(message) {
  console.error(`[compose-check] FAIL ${message}`);
  process.exit(1);
}
function check(condition, message, detail = '') {
  if (!condition) fail(detail ? `${message}: ${detail}` : message);
  pass(message);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const envFile = process.env.COMPOSE_ENV_FILE;
function compose(...args) {
  const options = ['compose', ...(envFile ? ['--env-file', envFile] : [])];
  return execFileSync('docker', [...options, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
/** The addresses of a service's containers on the Compose network, sorted. */
function addresses(service) {
  const ids = compose('ps', '-q', service).trim().split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const format = '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}';
  return execFileSync('docker', ['inspect', '-f', format, ...ids], { encoding: 'utf8' })
    .split(/\s+/)
    .filter(Boolean)
    .sort();
}
/** A JSON answer from inside a service's container (its own tools: curl, node or wget). */
function insideJson(service, command) {
  return JSON.parse(compose('exec', '-T', service, ...command));
}
function inElasticsearch(path, body) {
  return insideJson('elasticsearch', [
    'curl',
    '-fsS',
    '-H',
    'content-type: application/json',
    `http://localhost:9200${path}`,
    ...(body ? ['-d', JSON.stringify(body)] : []),
  ]);
}
function fromNode(service, url) {
  return insideJson(service, ['node', '-e', `fetch(${JSON.stringify(url)}).then((r) => r.text()).then((t) => process.stdout.write(t))`]);
}

async function api(method, path, { auth = true, body } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(auth && { authorization: `Bearer ${token}` }), ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

// The containers: every long-running one healthy (up --wait saw them so; checked again after the run).
function containers() {
  return compose('ps', '--all', '--format', 'json')
    .trim()
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const parsed = JSON.parse(line);
      return Array.isArray(parsed) ? parsed : [parsed];
    });
}
function countHealthy(service) {
  return containers().filter((c) => c.Service === service && c.State === 'running' && c.Health === 'healthy').length;
}

// 1. The dashboard and the api through nginx.
const page = await fetch(`${base}/`);
check(page.ok && (await page.text()).includes('<app-root'), `GET ${base}/ serves the dashboard`);
const health = await api('GET', '/api/health', { auth: false });
check(health.status === 200, 'GET /api/health through nginx answers 200', health.text);
const refused = await api('GET', '/api/runs', { auth: false });
check(refused.status === 401, 'GET /api/runs without the token is refused with 401', `status ${refused.status}`);
const metrics = await fetch(`${base}/metrics`);
check(!(await metrics.text()).includes('process_cpu'), 'nginx does not route /metrics');

/** A service's log lines, all its containers', as the apps wrote them (Compose starts each with an erase-line code). */
const logLines = (service) =>
  compose('logs', '--no-color', '--no-log-prefix', service)
    .replaceAll(`${String.fromCharCode(27)}[2K`, '')
    .split('\n')
    .filter(Boolean);

// The apps log JSON (LOG_FORMAT=json in x-app-env): every line of each app's containers, one object.
for (const service of ['api', 'scheduler', 'worker']) {
  const lines = logLines(service);
  const notJson = lines.filter((line) => {
    try {
      const entry = JSON.parse(line);
      return !(entry.app === service && typeof entry.level === 'string' && typeof entry.time === 'string');
    } catch {
      return true;
    }
  });
  check(
    lines.length > 0 && notJson.length === 0,
    `${service} logs JSON: ${lines.length} lines, each an object with time, level and app "${service}"`,
    notJson.slice(0, 3).join(' | ') || 'no lines',
  );
}

// The client's address: nginx passes on the address it was reached from, and the api (TRUST_PROXY) takes it, not
// the X-Forwarded-For a client wrote itself. Seen in the api's access log, by a path of this check's own.
const FORGED = '203.0.113.7';
const probePath = `/api/compose-check/forwarded-${Date.now()}`;
await fetch(`${base}${probePath}`, { headers: { 'x-forwarded-for': FORGED } });
let accessLine;
for (let i = 0; i < 20 && !accessLine; i++) {
  accessLine = logLines('api')
    .filter((line) => line.includes(probePath))
    .map((line) => JSON.parse(line))
    .find((entry) => entry.context === 'Access');
  if (!accessLine) await sleep(250);
}
const nginxAddress = addresses('dashboard')[0];
check(
  accessLine !== undefined && accessLine.client !== FORGED && accessLine.client !== nginxAddress,
  `a forged X-Forwarded-For through nginx is not the client: the api logs ${accessLine?.client} (nginx ${nginxAddress}, forged ${FORGED})`,
  JSON.stringify(accessLine),
);

// 2. The instances: nginx's upstream lists every api, re-read when the api is scaled on the running stack; the
// schedulers are one leader and standbys.
function upstreamAddresses() {
  const upstream = compose('exec', '-T', 'dashboard', 'cat', '/etc/nginx/api-upstream.conf');
  return {
    sticky: upstream.includes('hash $remote_addr consistent'),
    servers: [...upstream.matchAll(/^\s+server ([\d.]+):3000\b/gm)].map((match) => match[1]).sort(),
  };
}
/** Scales the api on the running stack (nothing else re-created), then waits for nginx to list exactly its instances. */
async function scaleApi(count) {
  compose('up', '-d', '--no-recreate', '--no-build', '--wait', '--scale', `api=${count}`, 'api');
  let listed;
  for (let i = 0; i < 40; i++) {
    listed = upstreamAddresses();
    if (listed.servers.join() === addresses('api').join()) break;
    await sleep(500);
  }
  return listed;
}
const initial = upstreamAddresses();
check(
  initial.sticky && initial.servers.length === apis && initial.servers.join() === addresses('api').join(),
  `nginx spreads ${apis} api instance(s) (${initial.servers.join(', ')}) with sticky sessions (hash $remote_addr consistent)`,
  JSON.stringify({ initial, api: addresses('api') }),
);
/**
 * Statuses of a few requests through nginx, each on a new connection: a reload closes the idle keep-alive connections
 * of its old workers, which a pooled client may just be reusing (a browser retries such a request; fetch fails it).
 */
function answersThroughNginx() {
  const once = () =>
    new Promise((resolve, reject) => {
      const request = get(`${base}/api/runs`, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      });
      request.on('error', reject);
    });
  return Promise.all(Array.from({ length: 5 }, once));
}
for (const count of [apis + 1, apis]) {
  const listed = await scaleApi(count);
  const statuses = await answersThroughNginx();
  check(
    listed.servers.length === count && listed.servers.join() === addresses('api').join() && statuses.every((s) => s === 200),
    `api scaled to ${count} while running: nginx re-read it and lists ${listed.servers.join(', ')}; requests through it answer ${statuses.join(', ')}`,
    JSON.stringify({ listed, api: addresses('api'), statuses }),
  );
}
for (const [service, count] of [
  ['api', apis],
  ['scheduler', schedulers],
  ['worker', workers],
  ['dashboard', 1],
  ['redis', 1],
  ['rabbitmq', 1],
  ['elasticsearch', 1],
]) {
  check(
    countHealthy(service) === count,
    `${count} ${service} container(s) running and healthy`,
    JSON.stringify(
      containers()
        .filter((c) => c.Service === service)
        .map((c) => [c.Name, c.State, c.Health]),
    ),
  );
}
if (schedulers > 1) {
  // scheduler_leader on each instance's own /metrics: 1 while it holds the lease (a standby logs nothing).
  const leading = [];
  for (let index = 1; index <= schedulers; index++) {
    const text = compose(
      'exec',
      '-T',
      '--index',
      String(index),
      'scheduler',
      'node',
      '-e',
      "fetch('http://127.0.0.1:3010/metrics').then((r) => r.text()).then((t) => process.stdout.write(t))",
    );
    leading.push(Number(/^scheduler_leader (\d+)/m.exec(text)?.[1]));
  }
  check(
    leading.filter((v) => v === 1).length === 1 && leading.filter((v) => v === 0).length === schedulers - 1,
    `one scheduler leads, ${schedulers - 1} wait(s) as standby (scheduler_leader ${leading.join(', ')})`,
    String(leading),
  );
}

// The live feed through nginx over long polling only: every request of the session must reach the same api
// instance (with two or more and no stickiness, the handshake's follow-up polls fail with "Session ID unknown").
const liveEvents = await new Promise((resolve) => {
  const socket = io(base, { auth: { token }, transports: ['polling'], reconnection: false, extraHeaders: { origin: base } });
  const seen = new Set();
  socket.onAny((event) => seen.add(event));
  socket.on('connect_error', (error) => resolve([`connect_error: ${error.message}`]));
  setTimeout(() => {
    socket.close();
    resolve([...seen]);
  }, 3000);
});
check(
  liveEvents.includes('snapshot'),
  `the live feed over long polling through nginx, ${apis} api instances: events ${liveEvents.join(', ')}`,
  liveEvents.join(', '),
);

// 3. Redis persists (AOF in its volume); RabbitMQ's node keeps its name across re-creation.
const aof = compose('exec', '-T', 'redis', 'redis-cli', 'config', 'get', 'appendonly').split('\n')[1]?.trim();
check(aof === 'yes', 'Redis runs with appendonly yes', String(aof));
const node = compose('exec', '-T', 'rabbitmq', 'rabbitmq-diagnostics', '-q', 'status').match(/rabbit@[\w.-]+/)?.[0];
check(node === 'rabbit@rabbitmq', 'RabbitMQ is the node rabbit@rabbitmq (a fixed hostname)', String(node));

// 4. A run through nginx with the token: completes, spread over the workers, stored in Elasticsearch.
const created = await api('POST', '/api/runs', { body: { total, ratePerMinute } });
check(
  created.status === 201 && created.json?.id,
  `POST /api/runs {total: ${total}, ratePerMinute: ${ratePerMinute}} with the token answers 201`,
  created.text,
);
const runId = created.json.id;
let run = created.json;
const deadline = Date.now() + 180_000;
while (run.status !== 'completed' && Date.now() < deadline) {
  await sleep(1000);
  run = (await api('GET', `/api/runs/${runId}`)).json ?? run;
}
check(
  run.status === 'completed' && run.processed === total && run.failed === 0,
  `run ${runId} completed: ${run.processed} processed, ${run.failed} failed`,
  JSON.stringify(run),
);

const live = (await api('GET', '/api/workers')).json ?? [];
const busy = live.filter((w) => w.processed > 0);
check(
  busy.length >= workers,
  `GET /api/workers: ${busy.length} workers took jobs (${busy.map((w) => `${w.id} ${w.processed}`).join(', ')})`,
  JSON.stringify(live),
);

inElasticsearch('/jobs/_refresh');
const query = { query: { term: { runId } } };
const count = inElasticsearch('/jobs/_count', query).count;
check(count === total, `the containers' Elasticsearch holds ${count} documents of the run in "jobs"`, `expected ${total}`);
const byWorker = inElasticsearch('/jobs/_search', { ...query, size: 0, aggs: { workers: { terms: { field: 'workerId', size: 50 } } } });
const buckets = byWorker.aggregations.workers.buckets;
check(
  buckets.length >= workers,
  `its documents name ${buckets.length} distinct workerIds (${buckets.map((b) => `${b.key}: ${b.doc_count}`).join(', ')})`,
);

// The volumes: Redis and RabbitMQ re-created (new containers, same volumes) keep the run's state and the
// queues, RabbitMQ comes back as the same node, and a new run completes on the reconnected apps.
// A key of the check's own, written before and read after: what the apps keep may change meanwhile by design (a
// Redis that comes back has a new replication id, so the leader rebuilds the run state from Elasticsearch).
const redisCli = (...args) => compose('exec', '-T', 'redis', 'redis-cli', ...args).trim();
const AOF_PROBE_KEY = 'compose-check:aof-probe';
redisCli('SET', AOF_PROBE_KEY, runId);
// appendfsync everysec: the write is on disk within a second.
await new Promise((resolve) => setTimeout(resolve, 1_500));
const queues = () =>
  compose('exec', '-T', 'rabbitmq', 'rabbitmqctl', '-q', 'list_queues', 'name')
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name && name !== 'name')
    .sort()
    .join(' ');
const queuesBefore = queues();
compose('up', '-d', '--no-deps', '--force-recreate', '--wait', 'redis', 'rabbitmq');
const probeAfter = redisCli('GET', AOF_PROBE_KEY);
check(probeAfter === runId, `Redis re-created: its AOF in the volume brought back a key written before (${probeAfter || 'nothing'})`);
redisCli('DEL', AOF_PROBE_KEY);
const nodeAfter = compose('exec', '-T', 'rabbitmq', 'rabbitmq-diagnostics', '-q', 'status').match(/rabbit@[\w.-]+/)?.[0];
const queuesAfter = queues();
check(
  nodeAfter === 'rabbit@rabbitmq' && queuesAfter === queuesBefore,
  `RabbitMQ re-created: the same node ${nodeAfter}, its queues still there (${queuesAfter})`,
  `before: ${queuesBefore}`,
);
const again = await api('POST', '/api/runs', { body: { total: 300, ratePerMinute: 18000 } });
let second = again.json ?? {};
const secondDeadline = Date.now() + 120_000;
while (second.status !== 'completed' && Date.now() < secondDeadline) {
  await sleep(1000);
  second = (await api('GET', `/api/runs/${again.json?.id}`)).json ?? second;
}
check(
  second.status === 'completed' && second.processed === 300,
  `after the re-creation a new run completes: ${second.processed} of 300 processed`,
  JSON.stringify(second),
);
const first = (await api('GET', `/api/runs/${runId}`)).json;
check(
  first?.status === 'completed' && first.processed === total,
  `the first run still reads completed, ${first?.processed} processed`,
  JSON.stringify(first),
);

// 5. Kibana's objects, as kibana-setup made them (the stand-in keeps them).
check(countHealthy('kibana-setup') === 1, 'kibana-setup made its objects and idles, healthy');
const view = fromNode('kibana', 'http://127.0.0.1:5601/api/data_views/data_view/jobs').data_view;
check(
  view?.title === 'jobs' && view.timeFieldName === 'processedAt',
  'Kibana has the data view "jobs" (time field processedAt)',
  JSON.stringify(view),
);
const defaultView = fromNode('kibana', 'http://127.0.0.1:5601/api/data_views/default').data_view_id;
check(defaultView === 'jobs', "it is Kibana's default data view", String(defaultView));
const search = fromNode('kibana', 'http://127.0.0.1:5601/api/saved_objects/search/run-results');
check(
  search.attributes?.title === 'Run results' && search.references?.[0]?.id === 'jobs',
  'Kibana has the saved search "Run results" on it',
  JSON.stringify(search),
);

// 6. Prometheus scrapes every replica of each app, RabbitMQ's own endpoint and the Redis and Elasticsearch
// exporters: each job with exactly its instances, all up (a replica removed by the scaling above is gone once
// Docker's DNS is re-read).
if (process.env.PROMETHEUS === '1') {
  const expected = { api: apis, scheduler: schedulers, worker: workers, rabbitmq: 1, redis: 1, elasticsearch: 1 };
  const tally = (targets) =>
    Object.keys(expected).map((job) => {
      const ofJob = targets.filter((t) => t.labels.job === job);
      return { job, up: ofJob.filter((t) => t.health === 'up').length, total: ofJob.length };
    });
  const allUp = (counts) => counts.every(({ job, up, total }) => up === expected[job] && total === expected[job]);
  let counts = tally([]);
  for (let i = 0; i < 40 && !allUp(counts); i++) {
    if (i > 0) await sleep(1500);
    const targets = insideJson('prometheus', ['wget', '-q', '-O', '-', 'http://127.0.0.1:9090/api/v1/targets']).data.activeTargets;
    counts = tally(targets);
  }
  const summary = counts.map(({ job, up, total }) => `${job} ${up}/${total} up`).join(', ');
  check(allUp(counts), `Prometheus scrapes every instance: ${summary}`, `expected ${JSON.stringify(expected)}`);
}

console.log(`[compose-check] all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
