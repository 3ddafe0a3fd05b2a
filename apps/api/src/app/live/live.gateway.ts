import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { Gauge, Registry } from 'prom-client';
import type { Server, Socket } from 'socket.io';
import { LIVE_TOKEN_REFUSED, METRIC_NAMES, type ClientToServerEvents, type Run, type ServerToClientEvents } from '@app/contracts';
import { ChangeCoalescer, GroupedCalls, withNewerRuns } from '@app/domain';
import { RunChangeFeed, WorkerRegistry } from '@app/infra';
import { roleOf } from '../access/access-tokens';
import { isAllowedOrigin } from '../access/allowed-origin';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { RunsService } from '../runs/runs.service';

/** Runs listed in the snapshot a client receives on connect. */
const SNAPSHOT_SIZE = 50;
/** How often the live workers are pushed (at most once a second). */
const WORKERS_INTERVAL_MS = 1_000;

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Pushes runs to dashboards: a snapshot on connect, then each changed run at most once per flush
 * interval, however many changes (one per stored batch, from every worker) arrive in between.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationBootstrap, OnApplicationShutdown {
  @WebSocketServer() private readonly server!: LiveServer;
  private readonly logger = new Logger(LiveGateway.name);
  private readonly changed = new ChangeCoalescer<string>();
  private timer: NodeJS.Timeout | undefined;
  private workersTimer: NodeJS.Timeout | undefined;
  private flushing = false;
  /** For each snapshot being read: the runs pushed to every client meanwhile. */
  private readonly pushedDuringSnapshots = new Set<Map<string, Run>>();
  private readonly snapshots: GroupedCalls<LiveSocket>;

  constructor(
    private readonly runs: RunsService,
    private readonly changes: RunChangeFeed,
    private readonly workers: WorkerRegistry,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    registry: Registry,
  ) {
    this.snapshots = new GroupedCalls((clients) => this.sendSnapshots(clients), config.liveFlushMs);
    const clients: Gauge = new Gauge({
      name: METRIC_NAMES.apiLiveClients,
      help: 'Socket.IO clients connected to this api instance',
      registers: [registry],
      collect: () => clients.set(this.server?.engine?.clientsCount ?? 0),
    });
  }

  /**
   * The handshake needs a token, the operator's or the viewer's, as `auth: { token }` (a browser cannot set headers
   * on a WebSocket), and a browser page of another origin is refused: otherwise any site a user visits could read
   * the feed with the user's network access.
   */
  afterInit(server: LiveServer): void {
    server.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (!isAllowedOrigin(origin, host, this.config.liveAllowedOrigins))
        return next(new Error(`origin ${origin} may not open the live feed`));
      const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (roleOf(typeof token === 'string' ? token : null, this.config.tokens) === null) return next(new Error(LIVE_TOKEN_REFUSED));
      next();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.changes.subscribe((runId) => this.changed.mark(runId));
    this.timer = setInterval(() => void this.flush(), this.config.liveFlushMs);
    this.workersTimer = setInterval(() => void this.pushWorkers(), WORKERS_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    clearInterval(this.workersTimer);
    this.snapshots.close();
  }

  /**
   * Every connection, first or after a reconnect, gets a fresh snapshot, which replaces what the client held.
   * Clients that connect within one flush interval share one: a thousand connecting in a second cost ten reads
   * and encodings of the 50 runs, not a thousand (`GroupedCalls`: the first after a quiet moment is served at
   * once, the others within an interval).
   */
  handleConnection(client: LiveSocket): void {
    this.snapshots.add(client);
  }

  /**
   * The snapshot of a group of clients, read after every one of them connected. They receive pushes from the moment
   * they connect, so one pushed while the snapshot is read may be newer than it (or of a run created meanwhile): the
   * snapshot takes those in, and so is never older than anything a client has received before it. It goes to the
   * whole group at once, serialized and framed once.
   */
  private async sendSnapshots(clients: LiveSocket[]): Promise<void> {
    const pushed = new Map<string, Run>();
    this.pushedDuringSnapshots.add(pushed);
    try {
      const [page, workers] = await Promise.all([this.runs.list(SNAPSHOT_SIZE), this.workers.live(Date.now())]);
      const group = this.server.to(clients.map((client) => client.id));
      group.emit('snapshot', withNewerRuns(page.items, pushed.values()));
      group.emit('workers', workers);
    } catch (error) {
      this.logger.warn(`snapshot for ${clients.length} clients failed: ${(error as Error).message}`);
      for (const client of clients) client.disconnect(true);
    } finally {
      this.pushedDuringSnapshots.delete(pushed);
    }
  }

  private async pushWorkers(): Promise<void> {
    if (this.server.engine.clientsCount === 0) return;
    try {
      this.server.emit('workers', await this.workers.live(Date.now()));
    } catch (error) {
      this.logger.warn(`pushing workers failed: ${(error as Error).message}`);
    }
  }

  private async flush(): Promise<void> {
    // A slow Redis must not stack flushes; changes keep coalescing meanwhile.
    if (this.flushing || this.changed.size === 0) return;
    // Nobody to tell: a client connecting later reads its snapshot after it connected, so these changes are in it.
    if (this.server.engine.clientsCount === 0) {
      this.changed.drain();
      return;
    }
    this.flushing = true;
    const runIds = this.changed.drain();
    try {
      for (const run of await this.runs.getMany(runIds)) {
        this.server.emit('run', run);
        for (const pushed of this.pushedDuringSnapshots) pushed.set(run.id, run);
      }
    } catch (error) {
      for (const runId of runIds) this.changed.mark(runId);
      this.logger.warn(`live flush failed, will retry: ${(error as Error).message}`);
    } finally {
      this.flushing = false;
    }
  }
}
