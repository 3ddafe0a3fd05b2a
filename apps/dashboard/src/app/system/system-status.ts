import type { EngineNode, StatusProbe, SystemStatus } from '@app/contracts';
import { formatBytes } from '../shared/format-bytes';
import type { LocaleFormats } from '../shared/locale-formats';

/** A backend as `GET /api/status` found it: answered, failed, or not in time; unknown before any answer. */
export type ProbeState = 'ok' | 'error' | 'timeout' | 'unknown';

/** One row of the system page's status table. */
export interface StatusRow {
  readonly key: keyof Omit<SystemStatus, 'checkedAt' | 'deadlineMs'>;
  readonly label: string;
  readonly state: ProbeState;
  readonly stateLabel: string;
  /** How long it took to answer, or `—`. */
  readonly latency: string;
  /** What it answered (or why it failed, or that it was late). */
  readonly detail: string;
}

const STATE_LABELS: Readonly<Record<ProbeState, string>> = { ok: 'OK', error: 'Failed', timeout: 'No answer in time', unknown: 'Unknown' };

/** What each backend answered, in a line, or why there is nothing to show. */
function detailOf<T>(probe: StatusProbe<T> | undefined, deadlineMs: number, describe: (value: T) => string): string {
  if (probe === undefined) return '';
  if (probe.state === 'error') return probe.error;
  if (probe.state === 'timeout') return `nothing within the ${deadlineMs} ms deadline`;
  return describe(probe.value);
}

/**
 * A row per backend of `GET /api/status`, in a fixed order: its state, latency and a one-line summary (memory and
 * clients; each queue's depth and consumers; cluster health, nodes and index sizes; the leader; the live workers).
 */
export function statusRows(status: SystemStatus | null, formats: LocaleFormats): readonly StatusRow[] {
  const deadline = status?.deadlineMs ?? 0;
  const count = (value: number) => formats.count.format(value);
  const row = <T>(key: StatusRow['key'], label: string, probe: StatusProbe<T> | undefined, describe: (value: T) => string): StatusRow => {
    const state: ProbeState = probe?.state ?? 'unknown';
    return {
      key,
      label,
      state,
      stateLabel: STATE_LABELS[state],
      latency: probe === undefined ? '—' : `${count(probe.latencyMs)} ms`,
      detail: detailOf(probe, deadline, describe),
    };
  };
  return [
    row(
      'redis',
      'Redis',
      status?.redis,
      (redis) => `${formatBytes(redis.usedMemoryBytes, formats)} used, ${count(redis.connectedClients)} clients`,
    ),
    row('rabbitmq', 'RabbitMQ', status?.rabbitmq, ({ queues }) =>
      queues.map((queue) => `${queue.name}: ${count(queue.messages)} ready, ${count(queue.consumers)} consumers`).join('; '),
    ),
    row('elasticsearch', 'Elasticsearch', status?.elasticsearch, (es) => {
      const docs = es.indices.reduce((sum, index) => sum + index.docs, 0);
      const bytes = es.indices.reduce((sum, index) => sum + index.bytes, 0);
      const nodes = es.nodes.filter((node) => node.up).length;
      return `${es.cluster}, ${count(nodes)} node${nodes === 1 ? '' : 's'}; ${count(es.indices.length)} indices, ${count(docs)} documents, ${formatBytes(bytes, formats)}`;
    }),
    row('schedulers', 'Schedulers', status?.schedulers, (schedulers) =>
      schedulers.leader === null
        ? 'no leader: a standby takes over within seconds'
        : `${schedulers.leader} leads (epoch ${schedulers.epoch})`,
    ),
    row('workers', 'Workers', status?.workers, (workers) =>
      workers.length === 0 ? 'none live' : `${count(workers.length)} live: ${workers.map((worker) => worker.id).join(', ')}`,
    ),
  ];
}

/** One row of the system page's nodes table: a node of an engine. */
export interface NodeRow {
  readonly key: string;
  readonly engine: string;
  readonly address: string;
  readonly role: string;
  readonly up: boolean;
}

/**
 * Every node of each engine that answered `GET /api/status` (Redis' master and replicas, the RabbitMQ nodes the api
 * may use, the Elasticsearch cluster's members), so that a node dying in a cluster shows; an engine that did not
 * answer has no rows (its status row says why).
 */
export function nodeRows(status: SystemStatus | null): readonly NodeRow[] {
  const rows = (engine: string, probe: StatusProbe<{ nodes: EngineNode[] }> | undefined): NodeRow[] =>
    probe?.state === 'ok' ? probe.value.nodes.map((node) => ({ key: `${engine} ${node.address}`, engine, ...node })) : [];
  return [...rows('Redis', status?.redis), ...rows('RabbitMQ', status?.rabbitmq), ...rows('Elasticsearch', status?.elasticsearch)];
}
