/**
 * Throughput benchmark (`npm run bench:throughput`, `-- --full` for the long form, `-- --profile` to also profile
 * the apps, `cpu-profiler.cjs`): on this machine, in one run,
 * 1. the raw limits: RabbitMQ publish-with-confirms + consume-with-acks, Elasticsearch bulk indexing of result
 *    documents, and the count-once script, each alone (`raw-limits.ts`), with the batch and prefetch the workers
 *    use (read from a worker's start-up line), and RabbitMQ's with as many confirmed windows in flight as the
 *    scheduler has runs to publish end to end (BENCH_RUNS);
 * 2. end-to-end throughput with 1, 2 and 4 workers: BENCH_RUNS (3) runs of generated records with `square`, side by
 *    side (side-by-side-runs.ts), each asked at 600,000/min; workers added one count after the other; after a ramp-up,
 *    the jobs stored (`processedAt` in the window) and counted (the runs' `processed`) over a steady window, and their
 *    ratio to each raw limit and to the combined one;
 * 3. the CPU each process used during the 2-worker window (`/proc/<pid>/stat`), and the machine's in all;
 * 4. over a dataset: BENCH_RUNS runs over the records of an uploaded dataset (BENCH_DATASET_RECORDS, 0 to leave it
 *    out), delivered with `http` to a local endpoint by the workers of the last count, from start to end.
 * AMQP_QUEUE_TYPE=quorum runs it all (the apps and the raw limit) on quorum queues instead of classic ones.
 * BENCH_WORKER_COUNTS (default 1,2,4), BENCH_WINDOW_SECONDS and BENCH_RAW_AMQP/ES/COUNT (items) shorten it for an A/B;
 * the apps take the environment as given (WORKER_BATCH_SIZE=1000 tries a batch size).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_NAMES, RUN_HASH_FIELDS, RUN_LIMITS, redisKeys, type Run } from '@app/contracts';
// The queue type as the apps read it: their reader and their choices.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AMQP_QUEUE_TYPES, envChoice } from '@app/infra';
import { removeNamespace, TestSystem, waitFor } from '@app/testing';
import { byFrame, byModule, selfTimes, type CpuProfile } from './cpu-profile';
import { fullMode, recordFigures, type Figure } from './figures';
import { endpointTarget, startEndpoint, uploadRecords } from './http-delivery';
import { loadAverage } from './machine';
import { amqpLimit, countOnceLimit, elasticsearchLimit, type Engines, type RawLimitOptions } from './raw-limits';
import { completedRun, processedPerSecond } from './run-results';
import { SIDE_BY_SIDE_RUNS, startRunsAtMostRate } from './side-by-side-runs';
import { combinedLimit, cpuUse, machineTicks, perSecond, processTicks, type CpuUse } from './throughput-figures';

const full = fullMode();
const profile = process.argv.includes('--profile');
/**
 * The queue type of the run, the apps' and the raw limit's alike: AMQP_QUEUE_TYPE as the apps read it, `classic`
 * (their single-node default) when unset, so that `AMQP_QUEUE_TYPE=quorum` measures quorum queues end to end.
 */
const QUEUE_TYPE = envChoice(process.env, 'AMQP_QUEUE_TYPE', 'classic', AMQP_QUEUE_TYPES);
const ENGINES: Engines = {
  amqpUrls: [process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672'],
  amqpQueueType: QUEUE_TYPE,
  elasticsearchUrl: process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200',
  redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
};
/** Items per raw limit: about 10-20 s each on this machine in short mode. */
const RAW_ITEMS = {
  amqp: Number(process.env['BENCH_RAW_AMQP'] ?? (full ? 750_000 : 250_000)),
  elasticsearch: Number(process.env['BENCH_RAW_ES'] ?? (full ? 1_200_000 : 400_000)),
  countOnce: Number(process.env['BENCH_RAW_COUNT'] ?? (full ? 3_000_000 : 1_000_000)),
};
/** Jobs the raw RabbitMQ limit publishes per confirmed window: the most the scheduler publishes in one (its default). */
const PUBLISH_WINDOW = Number(process.env['BENCH_PUBLISH_WINDOW'] ?? 5_000);
/** The worker counts measured one after the other (BENCH_WORKER_COUNTS=2 for a quick A/B of a change). */
const WORKER_COUNTS = (process.env['BENCH_WORKER_COUNTS'] ?? '1,2,4').split(',').map(Number);
const RAMP_SECONDS = 10;
const WINDOW_SECONDS = (workers: number) => Number(process.env['BENCH_WINDOW_SECONDS'] ?? (full && workers === 2 ? 600 : 60));
const RUNS = SIDE_BY_SIDE_RUNS;
/** Records of the dataset the dataset phase uploads; each of the RUNS runs goes over all of them (0 leaves it out). */
const DATASET_RECORDS = Number(process.env['BENCH_DATASET_RECORDS'] ?? (full ? 500_000 : 100_000));
/** The dataset phase's local endpoint: the port after the system's block (api, scheduler, 4 workers). */
const ENDPOINT_PORT = 5706;
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString());
const PROFILE_DIR = join(__dirname, '..', '..', '..', 'tmp', 'bench', 'profiles');

interface Phase {
  workers: number;
  startMs: number;
  endMs: number;
  /** The runs' processed and published over the window. */
  counted: number;
  published: number;
  /** Results stored with processedAt in the window. */
  stored?: number;
  queuedAtEnd: number;
  throttledAtEnd: boolean;
  /** Mean time of a worker's bulk request and of its count-once call over the window. */
  bulkMs: number;
  countMs: number;
}

/** The dataset phase: runs over an uploaded dataset's records, start to end. */
interface DatasetPhase {
  workers: number;
  jobsPerSecond: number;
  counted: number;
  stored: number;
  failed: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (fraction: number) => `${(fraction * 100).toFixed(0)}%`;

/** The batch and prefetch a worker runs with, as it says when it starts consuming. */
function workerSettings(system: TestSystem): { batchSize: number; prefetch: number } {
  const match = /consuming \(prefetch (\d+), batch (\d+)\)/.exec(readFileSync(system.logFile('worker-1'), 'utf8'));
  if (!match) throw new Error('worker-1 did not log its prefetch and batch');
  return { prefetch: Number(match[1]), batchSize: Number(match[2]) };
}

/** The pids of the apps (by name) and of the engines on this machine. */
async function pidsOf(system: TestSystem, apps: string[]): Promise<Map<string, number>> {
  const pids = new Map(apps.map((name) => [name, system.pid(name) as number]));
  const nodes = (await system.es.nodes.info({ node_id: '_local', metric: 'process' })).nodes;
  pids.set('elasticsearch', Object.values(nodes)[0].process?.id as number);
  pids.set('rabbitmq (beam.smp)', Number(execFileSync('pgrep', ['-o', '-x', 'beam.smp']).toString().trim()));
  pids.set('redis', Number(/process_id:(\d+)/.exec(await system.redis.info('server'))?.[1]));
  return pids;
}

const ticksOf = (pids: Map<string, number>) =>
  new Map([...pids].map(([name, pid]) => [name, processTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'))]));

/** Sums of the workers' timings (`<histogram>_sum` and `_count` on each `/metrics`): a bulk request, a count-once call. */
async function workerTimings(system: TestSystem, workers: number): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (let n = 1; n <= workers; n++) {
    const text = await (await fetch(`${system.url(`worker-${n}`)}/metrics`)).text();
    for (const metric of [METRIC_NAMES.workerBulkStoreSeconds, METRIC_NAMES.workerCountScriptSeconds]) {
      for (const suffix of ['_sum', '_count']) {
        const value = Number(new RegExp(`^${metric}${suffix} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
        sums.set(metric + suffix, (sums.get(metric + suffix) ?? 0) + value);
      }
    }
  }
  return sums;
}

/** Mean milliseconds of one call of a worker histogram between two readings. */
function meanMs(before: Map<string, number>, after: Map<string, number>, metric: string): number {
  const delta = (suffix: string) => (after.get(metric + suffix) ?? 0) - (before.get(metric + suffix) ?? 0);
  return (delta('_sum') / delta('_count')) * 1000;
}

/** The runs' counters, summed, as the workers and the scheduler keep them in Redis. */
async function countersOf(system: TestSystem, runIds: readonly string[]): Promise<{ processed: number; published: number }> {
  const totals = { processed: 0, published: 0 };
  for (const runId of runIds) {
    const [processed, published] = await system.redis.hmget(
      redisKeys(system.namespace).run(runId),
      RUN_HASH_FIELDS.processed,
      RUN_HASH_FIELDS.published,
    );
    totals.processed += Number(processed);
    totals.published += Number(published);
  }
  return totals;
}

/** Jobs of the runs stored with `processedAt` in each phase's window. */
async function storeCounts(system: TestSystem, runIds: readonly string[], phases: Phase[]): Promise<void> {
  await system.es.indices.refresh({ index: system.indices.jobs });
  for (const phase of phases) {
    const { count } = await system.es.count({
      index: system.indices.jobs,
      query: { bool: { filter: [{ terms: { runId: [...runIds] } }, { range: { processedAt: { gte: phase.startMs, lt: phase.endMs } } }] } },
    });
    phase.stored = count;
  }
}

async function rawLimits(
  system: TestSystem,
): Promise<{ amqp: number; elasticsearch: number; countOnce: number; options: RawLimitOptions }> {
  const options: RawLimitOptions = {
    namespace: `${system.namespace}-raw`,
    items: 0,
    consumers: 2,
    publishWindow: PUBLISH_WINDOW,
    windowsInFlight: RUNS,
    ...workerSettings(system),
  };
  try {
    console.log(`raw limits (load ${loadAverage()}): rabbitmq, ${int(RAW_ITEMS.amqp)} messages...`);
    const amqp = await amqpLimit(ENGINES, { ...options, items: RAW_ITEMS.amqp });
    console.log(`  ${int(amqp)}/s; elasticsearch, ${int(RAW_ITEMS.elasticsearch)} documents...`);
    const elasticsearch = await elasticsearchLimit(ENGINES, { ...options, items: RAW_ITEMS.elasticsearch });
    console.log(`  ${int(elasticsearch)}/s; count-once script, ${int(RAW_ITEMS.countOnce)} seqs...`);
    const countOnce = await countOnceLimit(ENGINES, { ...options, items: RAW_ITEMS.countOnce });
    console.log(`  ${int(countOnce)}/s`);
    return { amqp, elasticsearch, countOnce, options };
  } finally {
    await removeNamespace(options.namespace, system.redis, system.es);
  }
}

/**
 * The fast path over a dataset: RUNS runs side by side, each over every record of one uploaded dataset, delivered with
 * `http` (a dataset's record is no number for `square` to compute on) to a local endpoint answering 204 at once, by
 * the workers left running; jobs a second from the first `processedAt` of any of them to the last.
 */
async function datasetPhase(system: TestSystem, workers: number): Promise<DatasetPhase> {
  console.log(`dataset: ${int(DATASET_RECORDS)} records uploaded, ${RUNS} runs over them, ${workers} worker(s) (load ${loadAverage()})`);
  const endpoint = await startEndpoint(ENDPOINT_PORT);
  try {
    const dataset = await uploadRecords(system, 'bench-throughput', DATASET_RECORDS);
    const runIds = await startRunsAtMostRate(system, Array<number>(RUNS).fill(DATASET_RECORDS), {
      datasetId: dataset.id,
      processor: 'http',
      target: endpointTarget(ENDPOINT_PORT),
    });
    const runs = await Promise.all(runIds.map((runId) => completedRun(system, runId, 1_800_000)));
    const { count: stored } = await system.es.count({ index: system.indices.jobs, query: { terms: { runId: runIds } } });
    const phase = {
      workers,
      jobsPerSecond: await processedPerSecond(system, runs),
      counted: runs.reduce((sum, run) => sum + run.processed, 0),
      stored,
      failed: runs.reduce((sum, run) => sum + run.failed, 0),
    };
    console.log(`  ${int(phase.jobsPerSecond)} jobs/s; load ${loadAverage()}`);
    return phase;
  } finally {
    endpoint.kill();
  }
}

async function main(): Promise<void> {
  const startedLoad = loadAverage();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const system = new TestSystem({
    workers: WORKER_COUNTS[0],
    basePort: 5700,
    // A namespace named after its queue type: its queues are declared with it, apart from any of the other type.
    label: `bench-${QUEUE_TYPE}`,
    env: profile ? { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profiler.cjs')}`, BENCH_PROFILE_DIR: PROFILE_DIR } : {},
  });
  console.log(
    `throughput benchmark, ${full ? 'full' : 'short'} mode, ${QUEUE_TYPE} queues${profile ? ', profiling the apps' : ''}; load ${startedLoad}`,
  );
  await system.start();
  const phases: Phase[] = [];
  let cpu: CpuUse[] = [];
  let machine = { cores: 0 };
  const pidNames = new Map<number, string>();
  let limits: Awaited<ReturnType<typeof rawLimits>> | undefined;
  let overDataset: DatasetPhase | undefined;
  try {
    limits = await rawLimits(system);
    const runIds = await startRunsAtMostRate(system, Array<number>(RUNS).fill(RUN_LIMITS.totalMax), { processor: 'square' });
    await waitFor(async () => (await countersOf(system, runIds)).processed > 0, 60_000, 'the first job processed');
    for (const workers of WORKER_COUNTS) {
      const running = phases.length === 0 ? WORKER_COUNTS[0] : WORKER_COUNTS[phases.length - 1];
      for (let n = running + 1; n <= workers; n++) await system.startWorker(n);
      console.log(
        `${workers} worker(s): ramping up ${RAMP_SECONDS} s, then measuring ${WINDOW_SECONDS(workers)} s (load ${loadAverage()})`,
      );
      await sleep(RAMP_SECONDS * 1000);
      const apps = ['api', 'scheduler-1', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`)];
      const pids = await pidsOf(system, apps);
      for (const [name, pid] of pids) pidNames.set(pid, name);
      // The apps' profiles (`--profile`) cover the 2-worker window: the first SIGWINCH starts them, the second writes them.
      const toggleProfiles = () => {
        if (profile && workers === 2) for (const app of apps) process.kill(pids.get(app) as number, 'SIGWINCH');
      };
      toggleProfiles();
      const ticksBefore = ticksOf(pids);
      const machineBefore = machineTicks(readFileSync('/proc/stat', 'utf8'));
      const startMs = Date.now();
      const [before, timingsBefore] = [await countersOf(system, runIds), await workerTimings(system, workers)];
      await sleep(WINDOW_SECONDS(workers) * 1000);
      const [after, timingsAfter] = [await countersOf(system, runIds), await workerTimings(system, workers)];
      const endMs = Date.now();
      toggleProfiles();
      if (workers === 2) {
        const seconds = (endMs - startMs) / 1000;
        cpu = cpuUse(ticksBefore, ticksOf(pids), seconds, TICKS_PER_SECOND);
        const machineAfter = machineTicks(readFileSync('/proc/stat', 'utf8'));
        machine = { cores: (machineAfter.busy - machineBefore.busy) / TICKS_PER_SECOND / seconds };
      }
      const runs = await Promise.all(runIds.map(async (runId) => (await system.api<Run>('GET', `/runs/${runId}`)).body));
      const queued = runs.reduce((sum, run) => sum + run.queued, 0);
      const throttled = runs.some((run) => run.throttled);
      const counted = after.processed - before.processed;
      phases.push({
        workers,
        startMs,
        endMs,
        counted,
        published: after.published - before.published,
        queuedAtEnd: queued,
        throttledAtEnd: throttled,
        bulkMs: meanMs(timingsBefore, timingsAfter, METRIC_NAMES.workerBulkStoreSeconds),
        countMs: meanMs(timingsBefore, timingsAfter, METRIC_NAMES.workerCountScriptSeconds),
      });
      console.log(`  counted ${int(perSecond(counted, startMs, endMs))} jobs/s, ${int(queued)} queued; load ${loadAverage()}`);
    }
    for (const runId of runIds) await system.api('POST', `/runs/${runId}/stop`);
    await storeCounts(system, runIds, phases);
    if (DATASET_RECORDS > 0) overDataset = await datasetPhase(system, WORKER_COUNTS[WORKER_COUNTS.length - 1]);
  } finally {
    await system.stop();
  }
  if (limits) report(limits, phases, overDataset, cpu, machine.cores, { commit, startedLoad });
  if (profile) printProfiles(pidNames);
}

function report(
  limits: Awaited<ReturnType<typeof rawLimits>>,
  phases: Phase[],
  overDataset: DatasetPhase | undefined,
  cpu: CpuUse[],
  machineCores: number,
  run: { commit: string; startedLoad: string },
): void {
  const combined = combinedLimit([limits.amqp, limits.elasticsearch, limits.countOnce]);
  const figures: Figure[] = [
    {
      figure: `raw limit: RabbitMQ publish-with-confirms (${RUNS} windows in flight) + consume-with-acks, ${QUEUE_TYPE} queue`,
      measured: `${int(limits.amqp)} msgs/s`,
    },
    { figure: 'raw limit: Elasticsearch bulk indexing of result documents', measured: `${int(limits.elasticsearch)} docs/s` },
    { figure: 'raw limit: count-once script', measured: `${int(limits.countOnce)} seqs/s` },
    { figure: 'combined raw limit 1/(1/amqp + 1/es + 1/count)', measured: `${int(combined)} jobs/s` },
  ];
  for (const phase of phases) {
    const stored = perSecond(phase.stored ?? 0, phase.startMs, phase.endMs);
    const counted = perSecond(phase.counted, phase.startMs, phase.endMs);
    const seconds = Math.round((phase.endMs - phase.startMs) / 1000);
    figures.push({
      figure: `end to end, ${phase.workers} worker${phase.workers === 1 ? '' : 's'}, ${seconds} s window: jobs/s stored (counted)`,
      measured: `${int(stored)} (${int(counted)})`,
      target: phase.workers === 2 ? '>= 8,000 (floor 5,000; moonshot 10,000)' : undefined,
    });
    figures.push({
      figure: `  published/s over the same window, queued at its end`,
      measured: `${int(perSecond(phase.published, phase.startMs, phase.endMs))}, ${int(phase.queuedAtEnd)}`,
    });
    figures.push({
      figure: `  a worker's bulk request, count-once call: mean time`,
      measured: `${phase.bulkMs.toFixed(1)} ms, ${phase.countMs.toFixed(1)} ms`,
    });
    figures.push({
      figure: `  ratio to RabbitMQ / Elasticsearch / count-once / combined, ${phase.workers} worker${phase.workers === 1 ? '' : 's'}`,
      measured: [limits.amqp, limits.elasticsearch, limits.countOnce, combined].map((limit) => percent(stored / limit)).join(' / '),
      target: phase.workers === 2 ? 'combined >= 60%' : undefined,
    });
  }
  if (overDataset) {
    figures.push({
      figure:
        `end to end over a dataset, ${overDataset.workers} worker${overDataset.workers === 1 ? '' : 's'}: ${RUNS} runs × ` +
        `${int(DATASET_RECORDS)} records, \`http\` to a local endpoint: jobs/s (counted, stored)`,
      measured: `${int(overDataset.jobsPerSecond)} (${int(overDataset.counted)}, ${int(overDataset.stored)})`,
    });
  }
  // CPU per job holds better than jobs/s on a machine others load too: what the whole stack costs, and so what 2 cores allow.
  const twoWorkers = phases.find((phase) => phase.workers === 2);
  const jobsPerSecond = twoWorkers ? perSecond(twoWorkers.stored ?? 0, twoWorkers.startMs, twoWorkers.endMs) : NaN;
  const microsPerJob = (cores: number) => (cores * 1e6) / jobsPerSecond;
  for (const { name, cores, share } of cpu) {
    figures.push({
      figure: `CPU during the 2-worker window: ${name}`,
      measured: `${cores.toFixed(2)} cores (${percent(share)}), ${microsPerJob(cores).toFixed(0)} µs a job`,
    });
  }
  const measuredCores = cpu.reduce((sum, { cores }) => sum + cores, 0);
  figures.push({
    figure: 'CPU a job, every process above: so 2 cores allow at most',
    measured: `${microsPerJob(measuredCores).toFixed(0)} µs: ${int(2e6 / microsPerJob(measuredCores))} jobs/s`,
  });
  figures.push({
    figure: 'CPU during the 2-worker window: the machine in all (the rest: other work on it)',
    measured: `${machineCores.toFixed(2)} of 2 cores (${(machineCores - measuredCores).toFixed(2)} other)`,
  });
  const { options } = limits;
  recordFigures(
    'throughput',
    figures,
    `Commit ${run.commit}, ${full ? 'full' : 'short'} mode; load average ${run.startedLoad} at the start, ${loadAverage()} at the end. ` +
      `${QUEUE_TYPE} queues (AMQP_QUEUE_TYPE), the raw limit's and the apps'. ` +
      `Workers' batch ${options.batchSize}, prefetch ${options.prefetch}; the raw limits with ${options.consumers} consumers ` +
      `(bulk requests, script calls in flight) and ${int(options.publishWindow)} jobs per confirmed publish, ` +
      `${options.windowsInFlight} publishes in flight at once on one channel: as the scheduler publishes the ${RUNS} runs side by side, ` +
      `so the RabbitMQ limit is what the broker does with the scheduler's concurrency, not with one window at a time; end to end: ${RUNS} runs ` +
      `side by side, each asked at 600,000/min (together ${int(RUNS * 10_000)}/s), ${RAMP_SECONDS} s of ramp-up after each worker count starts; ` +
      `stored = results with processedAt in the window, counted = the runs' processed over it. ` +
      `A run held back by backpressure at the end of each window: ${phases.map((phase) => (phase.throttledAtEnd ? 'yes' : 'no')).join(', ')}. ` +
      `The engines' CPU includes whatever else uses them on this machine.` +
      (overDataset
        ? ` Over a dataset: after the phases above, the same system; ${overDataset.failed} failed; from the first record processed ` +
          `to the last (ramp-up included), each run over the whole dataset at 600,000/min, each record delivered to an endpoint ` +
          `answering 204 at once (a process of its own on the same cores).`
        : ''),
  );
}

/** The top self-time entries of each app's profile (written when the app exited). */
function printProfiles(pidNames: Map<number, string>): void {
  for (const file of readdirSync(PROFILE_DIR).filter((name) => name.endsWith('.cpuprofile'))) {
    const pid = Number(file.split('.')[1]);
    const name = pidNames.get(pid) ?? `pid ${pid}`;
    const data = JSON.parse(readFileSync(join(PROFILE_DIR, file), 'utf8')) as CpuProfile;
    const rows = (entries: ReturnType<typeof selfTimes>) =>
      entries.map(({ name: entry, ms, share }) => `  ${percent(share).padStart(4)} ${int(ms).padStart(8)} ms  ${entry}`).join('\n');
    console.log(
      `\n${name} (${file}): by module\n${rows(selfTimes(data, byModule, 10))}\nby function\n${rows(selfTimes(data, byFrame, 20))}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
