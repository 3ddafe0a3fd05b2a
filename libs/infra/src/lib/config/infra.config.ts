import type { LogLevel } from '@nestjs/common';
import { DEFAULT_NAMESPACE } from '@app/contracts';
import { DEFAULT_HTTP_TARGET_ALLOWLIST, parseAllowlist } from '@app/domain';
import { type Env, envChoice, envHostPorts, envInt, envName, envNodeUrls, envString, envUrl, type HostPort } from './env';

/** `LOG_LEVEL` values, most verbose first: each shows its own level and every one after it. */
export const LOG_LEVELS = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const satisfies readonly LogLevel[];
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Connection settings every service shares; see the README's configuration table for the defaults. */
export interface InfraConfig {
  /** Prefix of every queue, Redis key and channel, so installations and test runs never meet. */
  namespace: string;
  /** One Redis server; with `redisSentinels`, only its user, password, database and TLS are used. */
  redisUrl: string;
  /** Sentinels that name the master of `redisMasterName` (and a new one after a failover); empty for one server. */
  redisSentinels: HostPort[];
  redisMasterName: string;
  /**
   * The RabbitMQ nodes to connect to: `AMQP_URLS` (a cluster's nodes, any of which will do), else the one `AMQP_URL`.
   * A connection that goes away moves on to the next node of the list.
   */
  amqpUrls: string[];
  /** The type of the jobs, retry and dead-letter queues: `quorum` (replicated over a cluster) or `classic`. */
  amqpQueueType: AmqpQueueType;
  /**
   * Every Elasticsearch node the client may send a request to (`ELASTICSEARCH_NODES`, else the one `ELASTICSEARCH_URL`):
   * at least one; a request that fails on one node for want of a connection is sent to another.
   */
  elasticsearchNodes: string[];
  elasticsearchIndexPrefix: string;
  /** Primary shards of each index the platform creates; an existing index keeps its own (a warning names it). */
  elasticsearchShards: number;
  /** Copies of each shard besides its primary, for the indices the platform creates and, at start-up, those it created. */
  elasticsearchReplicas: number;
  /** Port of this process's HTTP server (REST, or only /metrics and health for scheduler and worker). */
  port: number;
  host: string;
  /** The least severe level logged; framework wiring (modules, routes) is logged at `debug`. */
  logLevel: LogLevelName;
  /**
   * `name`: each log line starts with the app's name in brackets; `none`: it does not, for a supervisor
   * that prefixes every line of output (stack traces too) with the process's own name (scripts/start.sh).
   */
  logPrefix: 'name' | 'none';
  /**
   * `text`: Nest's lines for a terminal (the default); `json`: one JSON object per line (`time`, `level`, `app`,
   * `context`, `message`, and fields such as `runId`), for a collector (Compose and Kubernetes set it).
   */
  logFormat: LogFormat;
  /**
   * Host patterns an `http` run's target and a completion callback may point at (`HTTP_TARGET_ALLOWLIST`): checked
   * by the api at creation, and again by whoever sends, so a narrowed list applies to runs already going.
   */
  httpTargetAllowlist: string[];
  /** Records of a dataset read at a time for a run's jobs (`RunRecords`), by the scheduler and the api's repair. */
  datasetWindowRecords: number;
}

/** `AMQP_QUEUE_TYPE` values. */
export const AMQP_QUEUE_TYPES = ['quorum', 'classic'] as const;
export type AmqpQueueType = (typeof AMQP_QUEUE_TYPES)[number];

/**
 * `AMQP_URLS` or `AMQP_URL`, never both (which would leave it unclear which one is meant), and the queue type, quorum by
 * default when there are several nodes: a classic queue lives on one node, and is gone while that node is.
 */
function loadAmqp(env: Env): Pick<InfraConfig, 'amqpUrls' | 'amqpQueueType'> {
  const amqpUrls = envNodeUrls(env, 'AMQP_URLS', 'AMQP_URL', 'amqp://guest:guest@127.0.0.1:5672', ['amqp:', 'amqps:']);
  const amqpQueueType = envChoice(env, 'AMQP_QUEUE_TYPE', amqpUrls.length > 1 ? 'quorum' : 'classic', AMQP_QUEUE_TYPES);
  return { amqpUrls, amqpQueueType };
}

/** `LOG_FORMAT` values. */
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function loadInfraConfig(env: Env, defaultPort: number): InfraConfig {
  const namespace = envName(env, 'NAMESPACE', DEFAULT_NAMESPACE);
  const elasticsearchNodes = envNodeUrls(env, 'ELASTICSEARCH_NODES', 'ELASTICSEARCH_URL', 'http://127.0.0.1:9200', ['http:', 'https:']);
  return {
    namespace,
    redisUrl: envUrl(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisSentinels: envHostPorts(env, 'REDIS_SENTINELS', 26379),
    redisMasterName: envString(env, 'REDIS_MASTER_NAME', 'rate-runner'),
    ...loadAmqp(env),
    elasticsearchNodes,
    elasticsearchIndexPrefix: envString(env, 'ELASTICSEARCH_INDEX_PREFIX', namespace === DEFAULT_NAMESPACE ? '' : `${namespace}-`),
    elasticsearchShards: envInt(env, 'ELASTICSEARCH_SHARDS', 1, 1, 1024),
    // One copy more than the primary as soon as there is a node to hold it: the loss of one node then loses nothing.
    elasticsearchReplicas: envInt(env, 'ELASTICSEARCH_REPLICAS', elasticsearchNodes.length > 1 ? 1 : 0, 0, 20),
    port: envInt(env, 'PORT', defaultPort, 0, 65535),
    host: envString(env, 'HOST', '127.0.0.1'),
    logLevel: envChoice(env, 'LOG_LEVEL', 'log', LOG_LEVELS),
    logPrefix: envChoice(env, 'LOG_PREFIX', 'name', ['name', 'none'] as const),
    logFormat: envChoice(env, 'LOG_FORMAT', 'text', LOG_FORMATS),
    httpTargetAllowlist: parseAllowlist(envString(env, 'HTTP_TARGET_ALLOWLIST', DEFAULT_HTTP_TARGET_ALLOWLIST)),
    datasetWindowRecords: envInt(env, 'DATASET_WINDOW_RECORDS', 2_000, 100, 10_000),
  };
}
