// The receiver the README's http examples deliver to, run as `npm run receiver` runs it, on a free port: it must
// take a correctly signed request once, answer a repeat without taking it again, and refuse what it cannot verify.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';

const RUN = '0mx6g95ak15llos4';
const SECRET = `whsec_${Buffer.from('a secret of thirty-two bytes....').toString('base64')}`;
let receiver;
let base;
const lines = [];

before(async () => {
  receiver = spawn(process.execPath, ['scripts/receiver.mjs', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  receiver.stdout.setEncoding('utf8');
  receiver.stdout.on('data', (chunk) => lines.push(...chunk.split('\n').filter(Boolean)));
  while (base === undefined) {
    await once(receiver.stdout, 'data');
    base = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(lines.join('\n'))?.[1];
  }
});

after(() => receiver.kill());

/** Waits (up to 2 s) for the receiver to print a line holding `text`: its output arrives apart from its answers. */
async function printed(text) {
  const deadline = Date.now() + 2000;
  while (!lines.some((line) => line.includes(text))) {
    assert.ok(Date.now() < deadline, `no line with "${text}" in:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A delivery of `seq` as a worker sends it: Standard Webhooks headers signed with `secret`, the run's key. */
function deliver(seq, secret = SECRET) {
  const body = JSON.stringify({ runId: RUN, seq, record: { n: seq } });
  const id = `${RUN}:${seq}`;
  const timestamp = new Date();
  const signature = new Webhook(secret).sign(id, timestamp, body);
  const headers = {
    'content-type': 'application/json',
    'idempotency-key': id,
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  };
  return fetch(`${base}/ingest`, { method: 'POST', headers, body });
}

test('takes a signed request once its run secret is handed over, and a repeat only once', async () => {
  const early = deliver(1);
  const put = await fetch(`${base}/secrets/${RUN}`, { method: 'PUT', body: SECRET });
  assert.equal(put.status, 204);
  assert.equal((await early).status, 200);
  assert.equal((await deliver(1)).status, 200);
  await printed(`${RUN}:1: verified, taken (1 of run ${RUN})`);
  await printed(`${RUN}:1: a repeat, already taken (1 repeats)`);
});

test('refuses a request signed with another secret, and one without an idempotency key', async () => {
  const other = `whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`;
  assert.equal((await deliver(2, other)).status, 401);
  assert.equal((await fetch(`${base}/ingest`, { method: 'POST', body: '{}' })).status, 400);
});
