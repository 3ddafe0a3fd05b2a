import { redisKeys, type ProcessorName } from '@app/contracts';
import type { Injected, TestSystem } from '@app/testing';
import { elasticsearch, rabbitmq } from './machine-services';
import type { OwnRedis } from './own-redis';

export interface FaultContext {
  system: TestSystem;
  redis: OwnRedis;
}

/** Breaks something in a running run. */
type Inject = (context: FaultContext) => Promise<Injected>;

export interface Fault {
  name: string;
  /** Part of the subset CI runs (`FAULTS=ci`); the full suite runs every fault. */
  inCi: boolean;
  /** Why the fault cannot be injected on this machine, if it cannot. */
  unavailable?: () => string | null;
  /** The run's processor: `square` over generated records unless told; `http` delivers a dataset to the suite's endpoint. */
  processor?: ProcessorName;
  inject: Inject;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nothingToHeal: Injected = { heal: async () => undefined };

/**
 * Sends `signal` to each process and starts each again, as a supervisor would: as the fault's end when nothing
 * else can take over (`restartHeals`), else only once the run is done, so the run must do without them.
 */
const signalled =
  (signal: NodeJS.Signals, names: (context: FaultContext) => Promise<string[]> | string[], restartHeals: boolean): Inject =>
  async (context) => {
    const victims = await names(context);
    for (const name of victims) await context.system.kill(name, signal);
    const restart = async () => {
      await Promise.all(victims.map((name) => context.system.restart(name)));
    };
    return restartHeals ? { heal: restart } : { heal: async () => undefined, restore: restart };
  };

const leader = async ({ system }: FaultContext): Promise<string> => {
  const token = await system.redis.get(redisKeys(system.namespace).schedulerLeader);
  const name = token?.split('#')[0];
  if (!name) throw new Error('no scheduler holds the lease');
  return name;
};

const killOneWorker = signalled('SIGKILL', () => ['worker-1'], false);

const loseRedisData: Inject = async ({ redis }) => {
  await redis.crash(true);
  await sleep(2_000);
  return { heal: () => redis.start() };
};

/**
 * The faults of SPEC.md, in the order the suite injects them. Those marked `http` run over a dataset, delivering to an
 * endpoint that dedupes by idempotency key: no record may be lost or taken twice there either.
 */
export const FAULTS: Fault[] = [
  { name: 'kill -9 one worker', inCi: true, inject: killOneWorker },
  { name: 'kill -9 one worker, delivering a dataset over http', inCi: true, processor: 'http', inject: killOneWorker },
  { name: 'kill -9 all workers', inCi: false, inject: signalled('SIGKILL', () => ['worker-1', 'worker-2'], true) },
  {
    name: 'kill -9 the scheduler leader (standby takes over)',
    inCi: true,
    inject: signalled('SIGKILL', async (c) => [await leader(c)], false),
  },
  { name: 'kill -9 the scheduler, no standby', inCi: false, inject: signalled('SIGKILL', () => ['scheduler-1', 'scheduler-2'], true) },
  { name: 'kill -9 one api of two', inCi: false, inject: signalled('SIGKILL', () => ['api'], false) },
  { name: 'kill -9 the api, no second instance', inCi: true, inject: signalled('SIGKILL', () => ['api', 'api-2'], true) },
  {
    name: 'SIGTERM to a worker, the scheduler leader and an api',
    inCi: false,
    inject: signalled('SIGTERM', async (c) => ['worker-2', await leader(c), 'api-2'], false),
  },
  {
    name: 'restart Redis with its data',
    inCi: false,
    inject: async ({ redis }) => {
      await redis.shutdown();
      await sleep(2_000);
      return { heal: () => redis.start() };
    },
  },
  { name: 'restart Redis with its data lost', inCi: true, inject: loseRedisData },
  { name: 'restart Redis with its data lost, delivering a dataset over http', inCi: true, processor: 'http', inject: loseRedisData },
  {
    name: 'Redis connections cut by the server',
    inCi: false,
    inject: async ({ redis }) => {
      await redis.cutConnections();
      return nothingToHeal;
    },
  },
  {
    name: 'restart RabbitMQ (stop_app, start_app)',
    inCi: true,
    inject: async () => {
      await rabbitmq.stopApp();
      await sleep(3_000);
      return {
        heal: async () => {
          await rabbitmq.startApp();
        },
      };
    },
  },
  {
    name: 'RabbitMQ connections cut by the broker',
    inCi: false,
    inject: async ({ system }) => {
      const closed = await rabbitmq.closeConnections(system.names.connectionName);
      if (closed === 0) throw new Error('no connection of the system to close');
      return nothingToHeal;
    },
  },
  {
    name: 'stop Elasticsearch, start it again (~30 s down)',
    inCi: true,
    unavailable: () => (elasticsearch.canRestart() ? null : 'Elasticsearch was not started by infra/elasticsearch.sh'),
    inject: async () => {
      await elasticsearch.stop();
      await sleep(10_000);
      return {
        heal: async () => {
          await elasticsearch.start();
        },
      };
    },
  },
  { name: 'poison jobs (processor always throws)', inCi: true, processor: 'poison', inject: async () => nothingToHeal },
];
