import type { WorkerStatus } from './worker-status';

/** One backend's part of `GET /api/status`: what it answered by the deadline, or that it did not. */
export type StatusProbe<T> =
  | { state: 'ok'; latencyMs: number; value: T }
  | { state: 'error'; latencyMs: number; error: string }
  | { state: 'timeout'; latencyMs: number };

/**
 * One node of an engine as the api found it, so that a user of a cluster sees which node is which and which died.
 * `role`: Redis `master` or `replica`; RabbitMQ `connected` (the node this api's connection uses) or `standby`;
 * Elasticsearch `elected master` or `member`.
 */
export interface EngineNode {
  /** Where it listens (`host:port`, never a credential). */
  address: string;
  role: string;
  /**
   * Redis: a replica the master lists as online (the master itself answered); RabbitMQ: the node accepts
   * connections; Elasticsearch: the node is in the cluster (a configured node that is not is listed as down).
   */
  up: boolean;
}

export interface RedisStatus {
  usedMemoryBytes: number;
  connectedClients: number;
  /** The master this api uses, then the replicas it lists. */
  nodes: EngineNode[];
}

export interface QueueStatus {
  name: string;
  /** Messages ready for delivery (not counting those delivered and not yet acked). */
  messages: number;
  consumers: number;
}

export interface RabbitmqStatus {
  /** Every node this api may connect to (`AMQP_URL` or `AMQP_URLS`). */
  nodes: EngineNode[];
  queues: QueueStatus[];
}

export interface IndexStatus {
  name: string;
  docs: number;
  bytes: number;
}

export interface ElasticsearchStatus {
  /** The cluster's health: green, yellow or red. */
  cluster: string;
  /** The nodes in the cluster, and any configured one that is not. */
  nodes: EngineNode[];
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
  rabbitmq: StatusProbe<RabbitmqStatus>;
  elasticsearch: StatusProbe<ElasticsearchStatus>;
  schedulers: StatusProbe<SchedulersStatus>;
  workers: StatusProbe<WorkerStatus[]>;
}
