/**
 * Recovery benchmark (`npm run bench:recovery`; `-- --full` repeats each rebuild 3 times; `-- --reseed` stores the
 * runs again): how long the scheduler takes to rebuild the hot state after Redis loses its data, with 10 runs of
 * 1,000,000 records stored, and with 10 runs of 100,000 to show whether the time grows with what is stored.
 *
 * The runs' results and dead letters (shaped as the workers write them, under `_id = runId:seq`) and their durable
 * records (as the archive writes them) are bulk-indexed by the bench directly, once: each set lives in a fixed
 * namespace (`bench-recovery-<records>`) whose indices are kept between runs of the bench and reused when their
 * counts match the plan. A scheduler and a worker then run on a Redis of the bench's own (port 6390); each trial is
 * a `FLUSHALL`, then the time until the state is marked ready and until the running run's processed count grows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import {
  elasticsearchIndices,
  FAILURES_INDEX_MAPPINGS,
  JOBS_INDEX_MAPPINGS,
  jobId,
  redisKeys,
  RUN_HASH_FIELDS,
  RUNS_INDEX_MAPPINGS,
  type ElasticsearchIndices,
  type FailureDocument,
  type JobDocument,
} from '@app/contracts';
import { formatRunId, newRun, pausePace, recordInput, runProcessor, toRunDocument, type RunState } from '@app/domain';
// The marker holds the Redis's replication id, which only the platform's own script writes.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { HotState, RedisConnection } from '@app/infra';
import { TestSystem, waitFor } from '@app/testing';
import { fullMode, recordFigures, type Figure } from './figures';
import { deadLetterSeqs, expectedCounters, resultSeqs, seededRuns, storedDocuments, type SeededRun } from './recovery-plan';

const ELASTICSEARCH_URL = process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const REDIS_PORT = Number(process.env['BENCH_RECOVERY_REDIS_PORT'] ?? 6390);
const BASE_PORT = Number(process.env['BENCH_RECOVERY_BASE_PORT'] ?? 5760);
const RUNS = 10;
const SETS = [100_000, 1_000_000];
const TRIALS = fullMode() ? 3 : 1;
const RESEED = process.argv.includes('--reseed');
/** A rebuild still going after this long is reported as "> N s" (the code before the range rebuild reads every seq). */
const CAP_SECONDS = Number(process.env['BENCH_RECOVERY_CAP_SECONDS'] ?? 150);
/** The running run's pace: it must visibly move within a second of the rebuild. */
const RUNNING_RATE_PER_MINUTE = 60_000;
/** Documents per bulk request while seeding, and requests in flight. */
const SEED_BULK_DOCS = 10_000;
const SEED_CONCURRENCY = 2;
const SEEDED_AT = Date.parse('2026-01-01T00:00:00Z');

const runId = (records: number, run: SeededRun) => formatRunId(SEEDED_AT + run.index, `benchrecovery${records}`);

/** A run's durable record as the archive keeps it: the definition, the schedule and the counters last archived. */
function runRecord(records: number, run: SeededRun, now: number): RunState {
  const createdAt = run.status === 'running' ? now - (run.published / RUNNING_RATE_PER_MINUTE) * 60_000 : SEEDED_AT + run.index;
  const defined = newRun(
    { id: runId(records, run), total: run.total, ratePerMinute: RUNNING_RATE_PER_MINUTE, processor: 'square' },
    createdAt,
  );
  return {
    ...defined,
    status: run.status,
    pace: run.status === 'running' ? defined.pace : pausePace(defined.pace, createdAt + 60_000),
    reserved: run.published,
    published: run.published,
    ...expectedCounters(run),
    revision: 3,
    updatedAt: now,
    finishedAt: run.status === 'completed' ? createdAt + 60_000 : null,
  };
}

function resultDocument(id: string, seq: number): JobDocument {
  const input = recordInput(id, seq);
  return {
    runId: id,
    seq,
    input,
    processor: 'square',
    workerId: 'worker-1',
    output: runProcessor('square', input, 1),
    attempt: 1,
    publishedAt: new Date(SEEDED_AT).toISOString(),
    processedAt: new Date(SEEDED_AT + 1_000).toISOString(),
  };
}

function deadLetterDocument(id: string, seq: number): FailureDocument {
  return {
    runId: id,
    seq,
    input: recordInput(id, seq),
    processor: 'square',
    error: 'seeded by the recovery bench',
    attempts: 3,
    workerId: 'worker-1',
    publishedAt: new Date(SEEDED_AT).toISOString(),
    failedAt: new Date(SEEDED_AT + 1_000).toISOString(),
  };
}

/** Every document the plan stores, as bulk `index` operations, `SEED_BULK_DOCS` at a time. */
function* seedBatches(records: number, plan: readonly SeededRun[], indices: ElasticsearchIndices): Generator<unknown[]> {
  let batch: unknown[] = [];
  const add = (index: string, id: string, seq: number, document: unknown) => {
    batch.push({ index: { _index: index, _id: jobId(id, seq) } }, document);
  };
  for (const run of plan) {
    const id = runId(records, run);
    for (const seq of deadLetterSeqs(run)) add(indices.failures, id, seq, deadLetterDocument(id, seq));
    for (const seq of resultSeqs(run)) {
      add(indices.jobs, id, seq, resultDocument(id, seq));
      if (batch.length >= 2 * SEED_BULK_DOCS) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

async function count(es: Client, index: string): Promise<number> {
  if (!(await es.indices.exists({ index }))) return -1;
  await es.indices.refresh({ index });
  return (await es.count({ index })).count;
}

/** Deletes what a run stored beyond seq `published` (this Elasticsearch has no delete-by-query: read, then bulk delete). */
async function deleteBeyondPublished(es: Client, index: string, id: string, published: number): Promise<void> {
  await es.indices.refresh({ index });
  const query = { bool: { filter: [{ term: { runId: id } }, { range: { seq: { gt: published } } }] } };
  for (;;) {
    const { hits } = await es.search({ index, query, size: SEED_BULK_DOCS, _source: false });
    if (hits.hits.length === 0) return;
    await es.bulk({ refresh: true, operations: hits.hits.map((hit) => ({ delete: { _index: index, _id: hit._id } })) });
  }
}

/**
 * Makes the namespace hold exactly the plan: the durable records rewritten (the scheduler archives the running run
 * as it moves), the results a previous bench's worker stored beyond the plan removed, and everything stored again
 * when the counts still differ (or on `--reseed`). Says which it did.
 */
async function ensureSeeded(es: Client, records: number, plan: readonly SeededRun[], indices: ElasticsearchIndices): Promise<string> {
  const expected = storedDocuments(plan);
  for (const run of plan.filter((r) => r.status === 'running')) {
    for (const index of [indices.jobs, indices.failures]) {
      if (await es.indices.exists({ index })) await deleteBeyondPublished(es, index, runId(records, run), run.published);
    }
  }
  const reuse =
    !RESEED && (await count(es, indices.jobs)) === expected.results && (await count(es, indices.failures)) === expected.deadLetters;
  let how = `reused the stored ${expected.results.toLocaleString('en-US')} results and ${expected.deadLetters} dead letters`;
  if (!reuse) {
    const started = Date.now();
    await es.indices.delete({ index: [indices.jobs, indices.failures, indices.runs], ignore_unavailable: true });
    const settings = { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '-1' };
    await es.indices.create({ index: indices.jobs, settings, mappings: JOBS_INDEX_MAPPINGS });
    await es.indices.create({ index: indices.failures, settings, mappings: FAILURES_INDEX_MAPPINGS });
    const batches = seedBatches(records, plan, indices);
    let stored = 0;
    const sender = async () => {
      for (let next = batches.next(); !next.done; next = batches.next()) {
        const response = await es.bulk({ operations: next.value });
        if (response.errors) throw new Error(`seeding failed: ${JSON.stringify(response.items.find((item) => item.index?.error))}`);
        stored += next.value.length / 2;
        if (stored % 500_000 < SEED_BULK_DOCS) console.log(`  seeded ${stored.toLocaleString('en-US')} documents`);
      }
    };
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, sender));
    await es.indices.putSettings({ index: [indices.jobs, indices.failures], settings: { refresh_interval: '1s' } });
    await es.indices.refresh({ index: [indices.jobs, indices.failures] });
    how = `seeded ${stored.toLocaleString('en-US')} documents in ${((Date.now() - started) / 1000).toFixed(0)} s (kept for the next run)`;
  }
  await es.indices.delete({ index: indices.runs, ignore_unavailable: true });
  await es.indices.create({ index: indices.runs, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: RUNS_INDEX_MAPPINGS });
  const now = Date.now();
  await es.bulk({
    refresh: true,
    operations: plan.flatMap((run) => {
      const record = toRunDocument(runRecord(records, run, now));
      return [{ index: { _index: indices.runs, _id: record.id } }, record];
    }),
  });
  return how;
}

/** A Redis of the bench's own that keeps nothing on disk, so that FLUSHALL touches no one else's data. */
async function startRedis(): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const probe = new Redis(REDIS_PORT, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Refused until the server listens: waitFor retries.
  probe.on('error', () => undefined);
  await waitFor(
    async () => {
      await probe.connect().catch(() => undefined);
      return (await probe.ping()) === 'PONG';
    },
    10_000,
    `the bench's Redis on port ${REDIS_PORT}`,
  );
  probe.disconnect();
  return child;
}

interface Trial {
  /** Seconds from FLUSHALL to the ready marker, null when capped. */
  rebuiltSeconds: number | null;
  /** Seconds from FLUSHALL to the running run's processed count growing, null when capped. */
  movingSeconds: number | null;
  /** Runs whose counters or bitmaps did not come out as the plan says. */
  wrong: string[];
}

/** Checks each restored run against the plan; the running run may already have moved on. */
async function wrongRuns(system: TestSystem, records: number, plan: readonly SeededRun[]): Promise<string[]> {
  const keys = redisKeys(system.namespace);
  const wrong: string[] = [];
  for (const run of plan) {
    const id = runId(records, run);
    const [processed, failed] = (await system.redis.hmget(keys.run(id), RUN_HASH_FIELDS.processed, RUN_HASH_FIELDS.failed)).map(Number);
    const bits = await system.redis.bitcount(keys.runProcessedSeqs(id));
    const failedBits = await system.redis.bitcount(keys.runFailedSeqs(id));
    const expected = expectedCounters(run);
    const exact = processed === expected.processed && failed === expected.failed && bits === processed && failedBits === failed;
    const movedOn = run.status === 'running' && processed >= expected.processed && failed === expected.failed && bits >= expected.processed;
    if (!exact && !movedOn)
      wrong.push(
        `${run.status} run ${run.index}: processed ${processed}, failed ${failed}, bits ${bits}, expected ${JSON.stringify(expected)}`,
      );
  }
  return wrong;
}

async function trial(system: TestSystem, records: number, plan: readonly SeededRun[]): Promise<Trial> {
  const keys = redisKeys(system.namespace);
  const running = plan.find((run) => run.status === 'running');
  if (!running) throw new Error('the plan has no running run');
  const runKey = keys.run(runId(records, running));
  const lostAt = performance.now();
  await system.redis.flushall();
  const deadline = lostAt + CAP_SECONDS * 1000;
  const seconds = () => (performance.now() - lostAt) / 1000;
  while (!(await system.redis.exists(keys.stateReady))) {
    if (performance.now() > deadline) return { rebuiltSeconds: null, movingSeconds: null, wrong: [] };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const rebuiltSeconds = seconds();
  const wrong = await wrongRuns(system, records, plan);
  const restored = expectedCounters(running).processed;
  while (Number(await system.redis.hget(runKey, RUN_HASH_FIELDS.processed)) <= restored) {
    if (performance.now() > deadline) return { rebuiltSeconds, movingSeconds: null, wrong };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { rebuiltSeconds, movingSeconds: seconds(), wrong };
}

async function measureSet(es: Client, records: number, setIndex: number): Promise<{ records: number; seeding: string; trials: Trial[] }> {
  const namespace = `bench-recovery-${records}`;
  const plan = seededRuns(RUNS, records);
  console.log(`${RUNS} runs of ${records.toLocaleString('en-US')} records in namespace ${namespace}`);
  const seeding = await ensureSeeded(es, records, plan, elasticsearchIndices(`${namespace}-`));
  console.log(`  ${seeding}`);
  const system = new TestSystem({
    apis: 0,
    schedulers: 1,
    workers: 1,
    basePort: BASE_PORT + 4 * setIndex,
    redisUrl: `redis://127.0.0.1:${REDIS_PORT}`,
    namespace,
    keepIndices: true,
  });
  const trials: Trial[] = [];
  try {
    // Marked ready before the scheduler starts, so that it rebuilds only after each FLUSHALL, when timed.
    const marker = await RedisConnection.connect(`redis://127.0.0.1:${REDIS_PORT}`);
    await marker.client.flushall();
    await new HotState(marker, redisKeys(namespace)).markReady();
    await marker.close();
    await system.start();
    for (let i = 0; i < TRIALS; i++) {
      const result = await trial(system, records, plan);
      trials.push(result);
      const show = (value: number | null) => (value === null ? `> ${CAP_SECONDS} s` : `${value.toFixed(2)} s`);
      console.log(
        `  trial ${i + 1}: rebuilt in ${show(result.rebuiltSeconds)}, running run moving after ${show(result.movingSeconds)}` +
          ` (load ${loadAverage()})${result.wrong.length > 0 ? `; WRONG: ${result.wrong.join('; ')}` : ''}`,
      );
      if (result.movingSeconds === null) break;
    }
  } finally {
    await system.stop();
  }
  return { records, seeding, trials };
}

const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ');

/** The slowest trial's figure (every trial when full), or the cap when a trial did not finish. */
function worst(trials: readonly Trial[], of: (trial: Trial) => number | null): string {
  const values = trials.map(of);
  if (values.some((value) => value === null)) return `> ${CAP_SECONDS} s`;
  const seconds = values as number[];
  const max = Math.max(...seconds);
  return seconds.length > 1 ? `${max.toFixed(2)} s (of ${seconds.map((s) => s.toFixed(2)).join(', ')})` : `${max.toFixed(2)} s`;
}

async function main(): Promise<void> {
  console.log(`recovery benchmark, ${fullMode() ? 'full' : 'short'} mode: ${TRIALS} trial(s) per set; load ${loadAverage()}`);
  const es = new Client({ node: ELASTICSEARCH_URL, requestTimeout: 600_000 });
  const redis = await startRedis();
  const sets = [];
  try {
    for (const [i, records] of SETS.entries()) sets.push(await measureSet(es, records, i));
  } finally {
    redis.kill('SIGKILL');
    await once(redis, 'exit');
    await es.close();
  }
  const figures: Figure[] = sets.flatMap(({ records, trials }) => {
    const size = `${RUNS} runs of ${records.toLocaleString('en-US')}`;
    return [
      {
        figure: `state rebuilt after FLUSHALL, ${size}`,
        measured: worst(trials, (t) => t.rebuiltSeconds),
        target: records === 1_000_000 ? '< 15 s' : undefined,
      },
      { figure: `running run moving again after FLUSHALL, ${size}`, measured: worst(trials, (t) => t.movingSeconds), target: '< 10 s' },
    ];
  });
  const wrong = sets.flatMap(({ trials }) => trials.flatMap((t) => t.wrong));
  recordFigures(
    'recovery',
    figures,
    [
      `Load average at the end: ${loadAverage()}. A scheduler and one worker on the bench's own Redis (port ${REDIS_PORT}).`,
      ...sets.map(({ records, seeding }) => `${records.toLocaleString('en-US')} records a run: ${seeding}.`),
      wrong.length === 0 ? 'Every restored run had the counters and bitmap the plan says.' : `WRONG COUNTERS: ${wrong.join('; ')}`,
    ].join('\n'),
  );
  if (wrong.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
