import { InjectionToken } from '@angular/core';
import type { ClientToServerEvents, ServerToClientEvents } from '@app/contracts';
import { io, type Socket } from 'socket.io-client';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The live feed's Socket.IO client: same origin, path `/socket.io` (proxied to the api by `nx serve`).
 * Created unconnected so that its owner registers listeners first; it reconnects with the default backoff.
 */
export const LIVE_SOCKET = new InjectionToken<LiveSocket>('LIVE_SOCKET', {
  providedIn: 'root',
  factory: (): LiveSocket => io({ path: '/socket.io', autoConnect: false }),
});
