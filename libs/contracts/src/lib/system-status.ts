import type { WorkerStatus } from './worker-status';

/** One backend's part of `GET /api/status`: what it answered by the deadline, or that it did not. */
export type StatusProbe<T> =
  | { state: 'ok'; latencyMs: number; value: T }
  | { state: 'error'; latencyMs: number; error: string }
  | { state: 'timeout'; latencyMs: number };

export interface RedisStatus {
  usedMemoryBytes: number;
  connectedClients: number;
}

export interface QueueStatus {
  name: string;
  /** Messages ready for delivery (not counting those delivered and not yet acked). */
  messages: number;
  consumers: number;
}

export interface IndexStatus {
  name: string;
  docs: number;
  bytes: number;
}

export interface ElasticsearchStatus {
  /** The cluster's health: green, yellow or red. */
  cluster: string;
  nodes: number;
  indices: IndexStatus[];
}

export interface SchedulersStatus {
  /** The scheduler holding the leader lease, or null while none does (a takeover is under way). */
  leader: string | null;
  /** The lease's fencing epoch, which grows with each new leader. */
  epoch: number | null;
}

/**
 * `GET /api/status`: every backend asked at once, each bounded by the same deadline, so the answer comes within
 * the deadline (plus a little) with what came back and a `timeout` mark for what did not.
 */
export interface SystemStatus {
  checkedAt: string;
  deadlineMs: number;
  redis: StatusProbe<RedisStatus>;
  rabbitmq: StatusProbe<QueueStatus[]>;
  elasticsearch: StatusProbe<ElasticsearchStatus>;
  schedulers: StatusProbe<SchedulersStatus>;
  workers: StatusProbe<WorkerStatus[]>;
}
