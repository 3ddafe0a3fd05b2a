/**
 * Dataset upload benchmark (`npm run bench:upload`): writes a CSV of 1,000,000 rows to disk (streamed, never whole
 * in memory; kept for the next run), uploads it streamed from the file to the api of a system of its own, samples
 * the api's resident memory (VmRSS in /proc/<pid>/status) every 200 ms throughout, and reports the records stored
 * per second (from the first byte sent to the 201, which comes once every record is stored) and the peak RSS,
 * against SPEC.md's targets: >= 50,000 records/s, RSS < 300 MB. The upload is the same in the long form
 * (`-- --full`): it is already of the size SPEC.md names.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import type { Dataset } from '@app/contracts';
import { TestSystem } from '@app/testing';
import { recordFigures } from './figures';
import { loadAverage, machineNote } from './machine';

const ROWS = Number(process.env['BENCH_UPLOAD_ROWS'] ?? 1_000_000);
const ROOT = resolve(__dirname, '../../..');
const FILE = join(ROOT, 'tmp', 'bench', `upload-${ROWS}.csv`);
const SAMPLE_MS = 200;

/** Writes the CSV row by row, waiting for the file stream to drain: memory stays flat however many rows. */
async function writeCsv(path: string, rows: number): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  const out = createWriteStream(path);
  out.write('id,name,email,amount,country,createdAt\n');
  for (let i = 1; i <= rows; i++) {
    const line = `${i},"User ${i}, Jr.",user${i}@example.com,${((i * 7919) % 100_000) / 100},${['FR', 'DE', 'US', 'JP'][i % 4]},2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The resident memory of a process in bytes, from /proc. */
function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** POSTs the file as the body, streamed from disk, and resolves with the status and the parsed answer. */
function uploadFile(system: TestSystem, path: string): Promise<{ status: number; body: Dataset }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      `${system.apiUrl}/api/datasets?name=bench`,
      {
        method: 'POST',
        headers: { ...system.authorization(), 'content-type': 'text/csv', 'content-length': statSync(path).size },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolvePromise({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as Dataset }),
        );
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    createReadStream(path).pipe(req);
  });
}

/** CPU seconds a process has used (user and system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds Elasticsearch's nodes have used, from its node stats. */
async function elasticsearchCpuSeconds(system: TestSystem): Promise<number> {
  const stats = await system.es.nodes.stats({ metric: 'process' });
  return Object.values(stats.nodes).reduce((sum, node) => sum + (node.process?.cpu?.total_in_millis ?? 0), 0) / 1000;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  if (!existsSync(FILE)) {
    console.log(`writing ${FILE} (${ROWS.toLocaleString('en-US')} rows)...`);
    await writeCsv(FILE, ROWS);
  }
  const size = statSync(FILE).size;
  const system = new TestSystem({ workers: 0, basePort: 5440, label: 'bench' });
  await system.start();
  try {
    const pid = system.pid('api');
    if (pid === undefined) throw new Error('the api is not running');
    const idle = rssBytes(pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), SAMPLE_MS);
    const loadBefore = loadAverage();
    const [apiCpu, esCpu] = [cpuSeconds(pid), await elasticsearchCpuSeconds(system)];
    const started = performance.now();
    const answer = await uploadFile(system, FILE);
    const seconds = (performance.now() - started) / 1000;
    const [apiCpuUsed, esCpuUsed] = [cpuSeconds(pid) - apiCpu, (await elasticsearchCpuSeconds(system)) - esCpu];
    clearInterval(sampler);
    peak = Math.max(peak, rssBytes(pid));
    if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const { count } = await system.es.count({ index: system.indices.datasetRecords, query: { term: { datasetId: answer.body.id } } });
    const rate = answer.body.records / seconds;
    recordFigures(
      'upload',
      [
        {
          figure: `dataset upload, ${ROWS.toLocaleString('en-US')}-row CSV (${mb(size)}): records stored per second`,
          measured: Math.round(rate).toLocaleString('en-US'),
          target: '>= 50,000',
        },
        { figure: 'api RSS at its peak during the upload', measured: mb(peak), target: '< 300 MB' },
        { figure: 'api RSS idle, before the upload', measured: mb(idle) },
      ],
      `Uploaded ${answer.body.records.toLocaleString('en-US')} records in ${seconds.toFixed(1)} s (first byte sent to the 201); ` +
        `${count.toLocaleString('en-US')} stored (counted by \`datasetId\`). CPU used meanwhile: api ${apiCpuUsed.toFixed(1)} s, ` +
        `Elasticsearch ${esCpuUsed.toFixed(1)} s. ${machineNote(loadBefore)}`,
    );
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
