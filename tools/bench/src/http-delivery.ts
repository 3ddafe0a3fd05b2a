/**
 * What the benches that run a dataset's records through `http` share (bench:http, bench:throughput's dataset
 * phase): a local endpoint answering 204 at once, and a dataset of NDJSON records uploaded to a system.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Dataset, HttpTargetRequest } from '@app/contracts';
import type { TestSystem } from '@app/testing';

/**
 * The receiving endpoint, in a process of its own so that it does not share the benchmark's event loop; resolves
 * once it listens. `kill()` it afterwards.
 */
export async function startEndpoint(port: number): Promise<ChildProcess> {
  const code = `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(204).end()); })
    .listen(${port}, '127.0.0.1', () => console.log('listening'));`;
  const endpoint = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await Promise.race([once(endpoint.stdout, 'data'), once(endpoint, 'exit')])) as [Buffer | number | null];
  if (!Buffer.isBuffer(line)) throw new Error(`the endpoint on port ${port} exited (${line}) before it listened`);
  return endpoint;
}

/** What a run delivering to that endpoint asks for. */
export const endpointTarget = (port: number): HttpTargetRequest => ({
  url: `http://127.0.0.1:${port}/ingest`,
  concurrency: 64,
});

async function* ndjson(records: number): AsyncGenerator<Uint8Array> {
  let chunk = '';
  for (let i = 1; i <= records; i++) {
    chunk += `{"id":${i},"email":"user${i}@example.com","amount":${(i * 7919) % 100_000}}\n`;
    if (chunk.length > 65_536) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(chunk);
}

/** Uploads a dataset of `records` NDJSON records (an id, an e-mail and an amount each), streamed as they are made. */
export async function uploadRecords(system: TestSystem, name: string, records: number): Promise<Dataset> {
  const uploaded = await system.uploadDataset(name, 'application/x-ndjson', ndjson(records));
  if (uploaded.status !== 201) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
  return uploaded.body;
}
