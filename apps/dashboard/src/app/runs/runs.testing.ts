import type { Run } from '@app/contracts';
import type { RunsSocket } from './runs-socket';

/** A run with plausible values; tests override what they look at. */
export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    version: 185,
    status: 'running',
    total: 1000,
    ratePerMinute: 600,
    processor: 'square',
    published: 100,
    processed: 80,
    failed: 5,
    queued: 15,
    throttled: false,
    throttleReason: null,
    stalledReason: null,
    achievedRatePerMinute: 598.4,
    etaSeconds: 91,
    createdAt: '2026-11-23T10:00:00.000Z',
    startedAt: '2026-11-23T10:00:00.100Z',
    updatedAt: '2026-11-23T10:00:10.000Z',
    finishedAt: null,
    ...overrides,
  };
}

type Listener = (...args: never[]) => void;

/** Stands in for the Socket.IO client: records listeners, lets a test play the server's events. */
export class FakeRunsSocket {
  active = false;
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

  asSocket(): RunsSocket {
    return this as unknown as RunsSocket;
  }
}
