/**
 * One share of the live bench's clients, in a process of its own (forked by `live.bench.ts`, which drives it over
 * IPC): opens `count` Socket.IO clients at `perSecond`, each on a connection of its own, then notes when each
 * first receives each `processed` value of the watched run.
 */
import { io, type Socket } from 'socket.io-client';
import type { Run, ServerToClientEvents } from '@app/contracts';
import { ReceiptLog, type Receipts } from './live-latency';

export interface OpenCommand {
  type: 'open';
  url: string;
  token: string;
  count: number;
  perSecond: number;
  /** How long a client may take to connect (Socket.IO's `timeout`) and then to get its snapshot. */
  timeoutMs: number;
}
export type ClientCommand = OpenCommand | { type: 'watch'; runId: string } | { type: 'report' } | { type: 'close' };

export interface OpenedReport {
  type: 'opened';
  /** Clients that connected and received their snapshot. */
  snapshots: number;
  /** Clients connected once every one got its snapshot or gave up (some may have connected without a snapshot). */
  connected: number;
  /** Per client with a snapshot: ms from opening it to its snapshot. */
  snapshotMs: number[];
  /** When the last snapshot arrived (ms since the epoch; NaN if none did). */
  lastSnapshotAt: number;
  /** Clients that did not get there, by reason (the connect error's message, `no snapshot`...). */
  failures: Record<string, number>;
}
export interface ReceiptsReport {
  type: 'receipts';
  receipts: Receipts;
  /** Events of the watched run received, by all the process's clients. */
  events: number;
  /** Clients still connected when asked. */
  connected: number;
  /** Clients that lost their connection after their snapshot, by reason. */
  disconnects: Record<string, number>;
}
export type ClientReport = { type: 'ready' } | OpenedReport | ReceiptsReport;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (tally: Record<string, number>, reason: string) => (tally[reason] = (tally[reason] ?? 0) + 1);

const sockets: Socket<ServerToClientEvents>[] = [];
const log = new ReceiptLog();
const disconnects: Record<string, number> = {};
let watched = '';
let lastSnapshotAt = NaN;

const send = (report: ClientReport) => process.send?.(report);
const connectedCount = () => sockets.filter((socket) => socket.connected).length;

/** Opens one client; resolves with ms to its snapshot, or the reason it got none. */
function openClient(command: OpenCommand, n: number): Promise<number | string> {
  const opened = now();
  const socket: Socket<ServerToClientEvents> = io(command.url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token: command.token },
    // One connection per client (without it, io() shares one Manager per url), and none made again behind the
    // bench's back: a client that drops stays dropped and is counted.
    forceNew: true,
    reconnection: false,
    timeout: command.timeoutMs,
  });
  sockets.push(socket);
  const id = String(n);
  socket.on('run', (run: Run) => {
    if (run.id === watched) log.record(id, run.processed, now());
  });
  return new Promise((resolve) => {
    const deadline = setTimeout(() => resolve('no snapshot'), 2 * command.timeoutMs);
    socket.once('snapshot', () => {
      clearTimeout(deadline);
      lastSnapshotAt = now();
      resolve(lastSnapshotAt - opened);
      socket.on('disconnect', (reason) => count(disconnects, reason));
    });
    socket.once('connect_error', (error) => {
      clearTimeout(deadline);
      resolve(error.message);
    });
  });
}

async function open(command: OpenCommand): Promise<void> {
  const outcomes: Promise<number | string>[] = [];
  const started = now();
  for (let n = 0; n < command.count; n++) {
    // Paced from the start, so a slow moment does not shift every later client.
    const due = started + (n * 1000) / command.perSecond;
    if (due > now()) await sleep(due - now());
    outcomes.push(openClient(command, n));
  }
  const report: OpenedReport = { type: 'opened', snapshots: 0, connected: 0, snapshotMs: [], lastSnapshotAt: NaN, failures: {} };
  for (const outcome of await Promise.all(outcomes)) {
    if (typeof outcome === 'number') {
      report.snapshots++;
      report.snapshotMs.push(outcome);
    } else count(report.failures, outcome);
  }
  report.lastSnapshotAt = lastSnapshotAt;
  report.connected = connectedCount();
  send(report);
}

process.on('message', (command: ClientCommand) => {
  switch (command.type) {
    case 'open':
      void open(command);
      break;
    case 'watch':
      watched = command.runId;
      break;
    case 'report':
      send({
        type: 'receipts',
        receipts: log.receipts,
        events: log.events,
        connected: sockets.filter((socket) => socket.connected).length,
        disconnects,
      });
      break;
    case 'close':
      for (const socket of sockets) socket.close();
      process.exit(0);
  }
});
send({ type: 'ready' });
