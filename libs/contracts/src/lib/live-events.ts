import type { Run } from './run';
import type { WorkerStatus } from './worker-status';

/** Socket.IO events the api emits to dashboards. */
export interface ServerToClientEvents {
  /** Sent on connect: every active and recent run. */
  snapshot: (runs: Run[]) => void;
  /** One changed run, coalesced on the server to at most 10 per second per run. */
  run: (run: Run) => void;
  /** The live workers: on connect, then once a second. */
  workers: (workers: WorkerStatus[]) => void;
}

/** Dashboards send nothing yet; commands go through REST. */
export type ClientToServerEvents = Record<string, never>;
