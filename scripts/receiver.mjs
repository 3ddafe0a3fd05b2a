// A receiving endpoint to try `http` runs and `notify` callbacks by hand (`npm run receiver [-- PORT]`, README
// "Process your own records"), on 127.0.0.1:PORT [9000], any path. It does what the README asks of a real one:
// verifies each request per Standard Webhooks with its run's secret, takes each Idempotency-Key once (a repeat is
// answered 200 and not taken again), and prints a line per request.
//
// The secret is shown only in the 201 that starts the run, and the first records may arrive before it is read, so
// it is handed over by `PUT /secrets/<RUN>` with the secret as the body; until then a run's requests wait (up to
// 10 s, then a 503 with Retry-After, which the worker retries).
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const PORT = Number(process.argv[2] ?? 9000);
const SECRET_WAIT_MS = 10_000;

/** Per run: its secret once handed over (a promise, so requests can wait for it), and the keys taken. */
const runs = new Map();

function runOf(runId) {
  if (!runs.has(runId)) {
    let trust;
    const secret = new Promise((resolve) => (trust = resolve));
    runs.set(runId, { secret, trust, taken: new Set(), repeats: 0 });
  }
  return runs.get(runId);
}

async function receive(req, body) {
  const secretPath = /^\/secrets\/([^/]+)$/.exec(req.url ?? '');
  if (req.method === 'PUT' && secretPath) {
    runOf(secretPath[1]).trust(body.trim());
    return { status: 204, line: `secret of run ${secretPath[1]} received` };
  }
  const key = String(req.headers['idempotency-key'] ?? '');
  const runId = key.split(':')[0];
  if (!key.includes(':')) return { status: 400, line: `${req.method} ${req.url}: no Idempotency-Key <runId>:<seq>` };
  const run = runOf(runId);
  let timer;
  const secret = await Promise.race([run.secret, new Promise((resolve) => (timer = setTimeout(resolve, SECRET_WAIT_MS)))]);
  clearTimeout(timer);
  if (secret === undefined) return { status: 503, line: `${key}: no secret for run ${runId} (PUT /secrets/${runId}): 503` };
  try {
    new Webhook(secret).verify(body, req.headers);
  } catch (error) {
    return { status: 401, line: `${key}: refused, ${error.message}` };
  }
  if (run.taken.has(key)) {
    run.repeats += 1;
    return { status: 200, line: `${key}: a repeat, already taken (${run.repeats} repeats)` };
  }
  run.taken.add(key);
  return { status: 200, line: `${key}: verified, taken (${run.taken.size} of run ${runId}) ${body.slice(0, 80)}` };
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    receive(req, Buffer.concat(chunks).toString()).then(({ status, line }) => {
      process.stdout.write(`[receiver] ${line}\n`);
      res.writeHead(status, status === 503 ? { 'retry-after': '1' } : {}).end();
    });
  });
});
// PORT 0 takes a free port; the line says which (the spec reads it).
server.listen(PORT, '127.0.0.1', () =>
  process.stdout.write(`[receiver] listening on http://127.0.0.1:${server.address().port}/ (Ctrl-C stops it)\n`),
);
