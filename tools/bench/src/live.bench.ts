/**
 * Live clients benchmark (`npm run bench:live`): how many Socket.IO clients one api holds, what each costs it, and
 * how fast a run's events reach them all. A `TestSystem` of its own (api 5740, scheduler 5741, one worker 5742);
 * the clients live in BENCH_LIVE_PROCESSES child processes (`live-clients.ts`), never in the api's, niced to
 * BENCH_LIVE_NICE (default 10) so that on 2 cores the load they generate does not starve the api it measures.
 *  0. BENCH_LIVE_EARLIER_RUNS runs (default 50, one record each) are created and completed first, so each client's
 *     snapshot is the full 50 runs a dashboard gets on a system in use.
 *  1. BENCH_LIVE_CLIENTS clients (default 10,000) open at BENCH_LIVE_OPEN_RATE a second in all (default 1,000),
 *     websocket transport, the viewer's token, each on a connection of its own; counted: those that connected
 *     and got their snapshot, the time from the first opening to the last snapshot, each client's time to its
 *     snapshot.
 *  2. The api's memory: VmRSS (`/proc/<pid>/status`) and V8's used heap (its `/metrics`,
 *     `nodejs_heap_size_used_bytes`) before the first client and once all are open; per client = delta / clients then
 *     connected.
 *  3. With every client open, a run at 6,000/min (one stored batch every few ms, so its counters change far more
 *     often than the feed's 10 events a second) goes for 20 s (60 s with `--full`). This process samples the
 *     run's `processed` field in Redis every 2 ms; each client notes when it first receives each `processed`
 *     value. Latency = received minus the first time Redis held that value or more (both clocks
 *     `performance.timeOrigin + performance.now()` on one machine): processed -> received, SPEC.md's processed
 *     -> visible without the browser. It includes the coalescing wait (up to one 100 ms flush). Fan-out = each
 *     receipt minus the first client's receipt of the same value: the time the api takes to reach them all.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { RUN_HASH_FIELDS, redisKeys, type Run, type RunPage } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';
import type { CounterSample } from './display-latency';
import { fullMode, recordFigures } from './figures';
import type { ClientCommand, ClientReport, OpenedReport, ReceiptsReport } from './live-clients';
import { deliveryLatencies, fanOutDelays, mergeReceipts, spread, type Receipts } from './live-latency';

const CLIENTS = Number(process.env['BENCH_LIVE_CLIENTS'] ?? 10_000);
const OPEN_RATE = Number(process.env['BENCH_LIVE_OPEN_RATE'] ?? 1_000);
const PROCESSES = Number(process.env['BENCH_LIVE_PROCESSES'] ?? 4);
const EVENTS_SECONDS = fullMode() ? 60 : 20;
const RUN_RATE = 6_000;
/** Runs that exist before the clients open: a snapshot is the 50 newest, as on a system in use. */
const EARLIER_RUNS = Number(process.env['BENCH_LIVE_EARLIER_RUNS'] ?? 50);
/** Socket.IO's own default: a client that has not connected by then gives up. */
const CONNECT_TIMEOUT_MS = 20_000;
const SAMPLE_EVERY_MS = 2;
/** The client processes' niceness (BENCH_LIVE_NICE): they yield the cores to the api's process. */
const CLIENTS_NICENESS = Number(process.env['BENCH_LIVE_NICE'] ?? 10);

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');
const formatted = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number) => `${Number.isFinite(value) ? formatted(value, 1) : '-'} ms`;

function rssBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
}

/** CPU seconds (user + system) a process has used. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function heapUsedBytes(system: TestSystem): Promise<number> {
  const text = await (await fetch(`${system.apiUrl}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
}

/** A process holding a share of the clients, and the next report of each kind it sends. */
class ClientProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<ClientReport['type'], (report: ClientReport) => void>();
  /** Resolves once the process has loaded and listens for commands. */
  readonly ready: Promise<unknown>;

  constructor() {
    this.child = fork(join(__dirname, 'live-clients.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      // Structured clone: the receipts are maps of arrays.
      serialization: 'advanced',
    });
    this.child.on('message', (report: ClientReport) => this.waiting.get(report.type)?.(report));
    // The clients are the load, the api is what is measured: on 2 cores the api comes first.
    if (this.child.pid) setPriority(this.child.pid, CLIENTS_NICENESS);
    this.ready = this.next('ready');
  }

  get pid(): number {
    return this.child.pid ?? NaN;
  }

  send(command: ClientCommand): void {
    this.child.send(command);
  }

  next<T extends ClientReport>(type: T['type']): Promise<T> {
    return new Promise((resolve) => this.waiting.set(type, (report) => resolve(report as T)));
  }

  close(): void {
    if (this.child.connected) this.send({ type: 'close' });
  }
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [reason, n] of Object.entries(from)) into[reason] = (into[reason] ?? 0) + n;
}
const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([reason, n]) => `${formatted(n)} ${reason}`)
    .join(', ') || 'none';

/** Samples the run's `processed` in Redis until stopped: each new value with the moment it was read. */
function sampleProcessed(system: TestSystem, runId: string): { samples: CounterSample[]; stop: () => Promise<void> } {
  const key = redisKeys(system.namespace).run(runId);
  const samples: CounterSample[] = [];
  let sampling = true;
  const done = (async () => {
    let last = -1;
    while (sampling) {
      const sent = now();
      const value = Number((await system.redis.hget(key, RUN_HASH_FIELDS.processed)) ?? 0);
      // Read somewhere between sending and the reply: the midpoint, within a fraction of a ms.
      if (value !== last) samples.push({ at: (sent + now()) / 2, value });
      last = value;
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  return {
    samples,
    stop: () => {
      sampling = false;
      return done;
    },
  };
}

async function main(): Promise<void> {
  console.log(
    `live benchmark: ${formatted(CLIENTS)} clients at ${formatted(OPEN_RATE)}/s from ${PROCESSES} processes, then ${EVENTS_SECONDS} s of a run's events (load average ${loadAverage()})`,
  );
  const system = new TestSystem({ workers: 1, basePort: 5740, label: 'bench' });
  const processes: ClientProcess[] = [];
  try {
    await system.start();
    const apiPid = system.pid('api') ?? NaN;
    console.log(`api pid ${apiPid}`);
    for (let i = 0; i < EARLIER_RUNS; i++) await system.api('POST', '/runs', { total: 1, ratePerMinute: 60 });
    await waitFor(
      async () => (await system.api<RunPage>('GET', `/runs?status=completed&limit=${EARLIER_RUNS}`)).body.items.length === EARLIER_RUNS,
      60_000,
      'the earlier runs to complete',
    );
    await sleep(2_000);
    const idle = { rss: rssBytes(apiPid), heap: await heapUsedBytes(system) };

    for (let i = 0; i < PROCESSES; i++) processes.push(new ClientProcess());
    await Promise.all(processes.map((clients) => clients.ready));
    const openingStarted = now();
    const opened = await Promise.all(
      processes.map((clients, i) => {
        const report = clients.next<OpenedReport>('opened');
        const count = Math.floor(CLIENTS / PROCESSES) + (i < CLIENTS % PROCESSES ? 1 : 0);
        clients.send({
          type: 'open',
          url: system.apiUrl,
          token: system.tokens.viewer,
          count,
          perSecond: OPEN_RATE / PROCESSES,
          timeoutMs: CONNECT_TIMEOUT_MS,
        });
        return report;
      }),
    );
    const snapshots = opened.reduce((sum, report) => sum + report.snapshots, 0);
    const failures: Record<string, number> = {};
    for (const report of opened) addCounts(failures, report.failures);
    // A process none of whose clients got a snapshot has no last one.
    const lastSnapshotAt = Math.max(...opened.map((report) => report.lastSnapshotAt).filter(Number.isFinite));
    const openSeconds = (lastSnapshotAt - openingStarted) / 1000;
    const toSnapshot = spread(opened.flatMap((report) => report.snapshotMs));
    console.log(
      `opened: ${formatted(snapshots)} of ${formatted(CLIENTS)} got their snapshot in ${formatted(openSeconds, 1)} s; failed: ${describeCounts(failures)}`,
    );

    await sleep(2_000);
    const holding = { rss: rssBytes(apiPid), heap: await heapUsedBytes(system) };
    // Per connection held: a client that connected without its snapshot costs the api as much.
    const held = opened.reduce((sum, report) => sum + report.connected, 0);
    const perClientKiB = (bytes: number) => formatted(bytes / Math.max(1, held) / 1024, 1);

    const loadBeforeEvents = loadAverage();
    const apiCpuBefore = cpuSeconds(apiPid);
    const eventsStarted = now();
    const { body: run } = await system.api<Run>('POST', '/runs', {
      total: (RUN_RATE / 60) * (EVENTS_SECONDS + 30),
      ratePerMinute: RUN_RATE,
    });
    for (const clients of processes) clients.send({ type: 'watch', runId: run.id });
    const sampler = sampleProcessed(system, run.id);
    await sleep(EVENTS_SECONDS * 1000);
    await system.api('POST', `/runs/${run.id}/stop`);
    // The last events are still on their way to some clients.
    await sleep(2_000);
    const apiCpuShare = (cpuSeconds(apiPid) - apiCpuBefore) / ((now() - eventsStarted) / 1000);
    await sampler.stop();
    const reports = await Promise.all(
      processes.map((clients) => {
        const report = clients.next<ReceiptsReport>('receipts');
        clients.send({ type: 'report' });
        return report;
      }),
    );
    const receipts: Receipts = new Map();
    const disconnects: Record<string, number> = {};
    for (const report of reports) {
      mergeReceipts(receipts, report.receipts);
      addCounts(disconnects, report.disconnects);
    }
    const connectedAtEnd = reports.reduce((sum, report) => sum + report.connected, 0);
    const stopped = (await system.api<Run>('GET', `/runs/${run.id}`)).body;
    const { latencies, unmatched } = deliveryLatencies(sampler.samples, receipts);
    const latency = spread(latencies);
    const fanOut = spread(fanOutDelays(receipts));
    const perClientPerSecond = (n: number) => formatted(n / Math.max(1, connectedAtEnd) / EVENTS_SECONDS, 1);
    const events = reports.reduce((sum, report) => sum + report.events, 0);

    recordFigures(
      'live',
      [
        { figure: `clients opened at ${formatted(OPEN_RATE)}/s`, measured: formatted(CLIENTS) },
        { figure: 'connected and got their snapshot', measured: formatted(snapshots), target: '10,000' },
        { figure: 'first opening to last snapshot', measured: `${formatted(openSeconds, 1)} s` },
        {
          figure: 'opening to snapshot, per client, p50 / p95 / max',
          measured: `${ms(toSnapshot.p50)} / ${ms(toSnapshot.p95)} / ${ms(toSnapshot.max)}`,
        },
        { figure: 'connected once the opening was over', measured: formatted(held) },
        { figure: 'api RSS per connected client', measured: `${perClientKiB(holding.rss - idle.rss)} KiB`, target: 'reported' },
        { figure: 'api V8 heap per connected client', measured: `${perClientKiB(holding.heap - idle.heap)} KiB`, target: 'reported' },
        {
          figure: `processed -> received, p50 / p95 / max (run at ${formatted(RUN_RATE)}/min)`,
          measured: `${ms(latency.p50)} / ${ms(latency.p95)} / ${ms(latency.max)}`,
          target: 'p95 <= 250 ms',
        },
        {
          figure: 'fan-out (first client to each), p50 / p95 / max',
          measured: `${ms(fanOut.p50)} / ${ms(fanOut.p95)} / ${ms(fanOut.max)}`,
        },
        {
          figure: 'run events per client per second (with a new processed count)',
          measured: `${perClientPerSecond(events)} (${perClientPerSecond(latency.count)})`,
          target: '<= 10',
        },
        { figure: 'still connected after the events', measured: formatted(connectedAtEnd) },
        { figure: 'api CPU during the events', measured: `${formatted(apiCpuShare * 100)}% of a core` },
      ],
      [
        `${formatted(CLIENTS)} clients in ${PROCESSES} processes (websocket transport, the viewer's token), one api, ${EARLIER_RUNS} runs in each snapshot; ${EVENTS_SECONDS} s of events.`,
        `Failed to get a snapshot: ${describeCounts(failures)}. Disconnected during the events: ${describeCounts(disconnects)}.`,
        `api RSS ${formatted(idle.rss / 2 ** 20)} MB idle, ${formatted(holding.rss / 2 ** 20)} MB holding the clients; heap ${formatted(idle.heap / 2 ** 20)} MB -> ${formatted(holding.heap / 2 ** 20)} MB.`,
        `The run processed ${formatted(stopped.processed)} records; ${formatted(latency.count)} receipts matched (${formatted(unmatched)} unmatched), ${formatted(sampler.samples.length)} Redis samples.`,
        `Load average ${loadBeforeEvents} before the events, ${loadAverage()} after (2 cores, shared with the clients' processes).`,
      ].join('\n'),
    );
  } finally {
    for (const clients of processes) clients.close();
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
