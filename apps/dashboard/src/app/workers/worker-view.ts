import { WORKER_HEARTBEAT_MS, type WorkerStatus } from '@app/contracts';
import { formatAge, formatDuration } from '../shared/format-duration';
import type { LocaleFormats } from '../shared/locale-formats';

/**
 * A heartbeat older than this reads as late: more than one beat missed, half way to the server dropping the
 * worker (`WORKER_LIVENESS_MS`).
 */
export const LATE_HEARTBEAT_MS = 2.5 * WORKER_HEARTBEAT_MS;

/** Everything a row of the workers table shows, already formatted. */
export interface WorkerView {
  readonly id: string;
  readonly host: string;
  readonly pid: string;
  readonly uptime: string;
  readonly heartbeatAge: string;
  /** The last heartbeat is older than expected: the worker may be about to disappear. */
  readonly late: boolean;
  readonly rate: string;
  readonly processed: string;
  readonly storageAvailable: boolean;
  readonly storage: string;
  /** Its caps per processor: `http` requests in flight at once (over all runs), `hash` pool threads. */
  readonly httpInFlight: string;
  readonly hashThreads: string;
}

/** The workers in a stable order, by id (the server's order may change from one event to the next). */
export function sortWorkers(workers: readonly WorkerStatus[]): readonly WorkerStatus[] {
  return [...workers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One worker at `now` (epoch ms): uptime from `startedAt`, heartbeat age from `lastSeenAt`. */
export function toWorkerView(worker: WorkerStatus, now: number, formats: Pick<LocaleFormats, 'count' | 'rate'>): WorkerView {
  const age = now - Date.parse(worker.lastSeenAt);
  return {
    id: worker.id,
    host: worker.host,
    pid: String(worker.pid),
    uptime: formatDuration(now - Date.parse(worker.startedAt)),
    heartbeatAge: formatAge(age),
    late: Number.isFinite(age) && age > LATE_HEARTBEAT_MS,
    rate: `${formats.rate.format(worker.rate)}/min`,
    processed: formats.count.format(worker.processed),
    storageAvailable: worker.storageAvailable,
    storage: worker.storageAvailable ? 'Available' : 'Unavailable (circuit open)',
    httpInFlight: formats.count.format(worker.limits.httpInFlight),
    hashThreads: formats.count.format(worker.limits.hashThreads),
  };
}
