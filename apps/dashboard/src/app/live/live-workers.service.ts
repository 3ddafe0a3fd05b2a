import { computed, inject, Injectable, signal } from '@angular/core';
import type { WorkerStatus } from '@app/contracts';
import { LiveRunsService } from './live-runs.service';
import { LIVE_SOCKET } from './live-socket';

/**
 * The live workers, from the feed's `workers` event (on connect, then once a second). Each event is the
 * whole list: a worker whose heartbeats stopped is no longer sent, and so disappears.
 */
@Injectable({ providedIn: 'root' })
export class LiveWorkersService {
  private readonly socket = inject(LIVE_SOCKET);
  /** Owns the connection (connects it, tracks its state); this service only listens on it. */
  private readonly feed = inject(LiveRunsService);
  private readonly list = signal<readonly WorkerStatus[]>([]);
  private readonly received = signal(false);

  /** The live workers, in the server's order. */
  readonly workers = this.list.asReadonly();
  /** True once a list arrived: until then an empty list means "not known yet", not "no workers". */
  readonly loaded = this.received.asReadonly();
  /** The list is the last one received while the feed is down: it may name workers that are gone. */
  readonly stale = computed(() => this.loaded() && this.feed.connectionState() !== 'connected');

  constructor() {
    this.socket.on('workers', (workers) => {
      this.list.set(workers);
      this.received.set(true);
    });
  }
}
