import { computed, DestroyRef, effect, inject, Injectable, signal } from '@angular/core';
import { LIVE_TOKEN_REFUSED, type Run } from '@app/contracts';
import { AccessService } from '../access/access.service';
import { applyRunEvent, applySnapshot, NO_RUNS, type RunsById } from './apply-run-event';
import { LIVE_SOCKET } from './live-socket';

/** `connecting` until the first connect; `reconnecting` while the client retries; `disconnected` once it gave up. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * The live feed of runs: the server's `snapshot` on every (re)connect, then one `run` event per change. Connected
 * only while signed in, with the held token (`auth: { token }`): a new token connects again, a sign-out closes it.
 */
@Injectable({ providedIn: 'root' })
export class LiveRunsService {
  private readonly socket = inject(LIVE_SOCKET);
  private readonly access = inject(AccessService);
  private readonly byId = signal<RunsById>(NO_RUNS);
  private readonly state = signal<ConnectionState>('connecting');
  private readonly snapshotReceived = signal(false);

  /** Runs keyed by id, iterated newest first. */
  readonly runsById = this.byId.asReadonly();
  /** Runs, newest first. */
  readonly runs = computed<readonly Run[]>(() => [...this.byId().values()]);
  readonly connectionState = this.state.asReadonly();
  /** True once a snapshot arrived: until then an empty list means "not known yet", not "no runs". */
  readonly loaded = this.snapshotReceived.asReadonly();

  constructor() {
    const socket = this.socket;
    // While `socket.active` is true the client keeps retrying on its own (default backoff);
    // false means the server or the client closed the connection for good.
    const lost = (): void => this.state.set(socket.active ? 'reconnecting' : 'disconnected');

    socket.on('connect', () => this.state.set('connected'));
    socket.on('disconnect', lost);
    socket.on('connect_error', (error) => {
      // A refused handshake is not retried by the client: a refused token signs out, another refusal (the origin)
      // leaves the feed disconnected.
      const token = this.access.token();
      if (error.message === LIVE_TOKEN_REFUSED && token !== null) {
        this.access.refused(token);
      } else {
        lost();
      }
    });
    socket.on('snapshot', (runs) => {
      this.byId.set(applySnapshot(runs));
      this.snapshotReceived.set(true);
    });
    socket.on('run', (run) => this.byId.update((state) => applyRunEvent(state, run)));
    effect(() => this.connectWith(this.access.token()));

    inject(DestroyRef).onDestroy(() => {
      socket.removeAllListeners();
      socket.disconnect();
    });
  }

  /** Merges a run obtained otherwise (e.g. the REST api's answer to creating it) by the live events' rule. */
  upsert(run: Run): void {
    this.byId.update((state) => applyRunEvent(state, run));
  }

  /** Connects again after the server closed the connection; the server then sends a fresh snapshot. */
  reconnect(): void {
    if (!this.socket.active && this.access.signedIn()) {
      this.state.set('connecting');
      this.socket.connect();
    }
  }

  /**
   * Closes the connection of the previous token, if any, and opens one with this token. Signed out, nothing of the
   * feed is kept: the next sign-in, maybe with another role, starts from its own snapshot.
   */
  private connectWith(token: string | null): void {
    if (this.socket.active) {
      this.socket.disconnect();
    }
    this.state.set('connecting');
    if (token === null) {
      this.byId.set(NO_RUNS);
      this.snapshotReceived.set(false);
      return;
    }
    this.socket.auth = { token };
    this.socket.connect();
  }
}
