import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { Gauge, Registry } from 'prom-client';
import type { Server, Socket } from 'socket.io';
import { LIVE_TOKEN_REFUSED, METRIC_NAMES, type ClientToServerEvents, type Run, type ServerToClientEvents } from '@app/contracts';
import { ChangeCoalescer, withNewerRuns } from '@app/domain';
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
  /** For each client whose snapshot is being read: the runs pushed to every client meanwhile. */
  private readonly pushedDuringSnapshots = new Set<Map<string, Run>>();

  constructor(
    private readonly runs: RunsService,
    private readonly changes: RunChangeFeed,
    private readonly workers: WorkerRegistry,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    registry: Registry,
  ) {
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
  }

  /**
   * Every connection, first or after a reconnect, gets a fresh snapshot, which replaces what the client held.
   * The client receives pushes from the moment it connects, so one pushed while its snapshot is read may be
   * newer than the snapshot (or of a run created meanwhile): the snapshot takes those in, and so is never
   * older than anything the client has received before it.
   */
  async handleConnection(client: LiveSocket): Promise<void> {
    const pushed = new Map<string, Run>();
    this.pushedDuringSnapshots.add(pushed);
    try {
      const page = await this.runs.list(SNAPSHOT_SIZE);
      client.emit('snapshot', withNewerRuns(page.items, pushed.values()));
      client.emit('workers', await this.workers.live(Date.now()));
    } catch (error) {
      this.logger.warn(`snapshot for ${client.id} failed: ${(error as Error).message}`);
      client.disconnect(true);
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
