import type { LiveSocket } from './live-socket';

type Listener = (...args: never[]) => void;

/** Stands in for the Socket.IO client: records listeners, lets a test play the server's events. */
export class FakeLiveSocket {
  active = false;
  /** What the client would send in its next handshake. */
  auth: Record<string, unknown> = {};
  connectCalls = 0;
  disconnectCalls = 0;
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  connect(): this {
    this.connectCalls += 1;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    this.active = false;
    return this;
  }

  /** Calls the listeners of `event` as the client would on receiving it. */
  receive(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (...values: unknown[]) => void)(...args);
    }
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  asSocket(): LiveSocket {
    return this as unknown as LiveSocket;
  }
}
