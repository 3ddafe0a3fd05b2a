import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { redisKeys } from '@app/contracts';
import { INFRA_CONFIG } from '../config/infra-config.token';
import type { InfraConfig } from '../config/infra.config';
import { DestinationPushback } from './destination-pushback';
import { HotState } from './hot-state';
import { LeaderLease } from './leader-lease';
import { NotificationClaims } from './notification-claims';
import { PublishClaims } from './publish-claims';
import { RedisConnection } from './redis.connection';
import { RunChangeFeed } from './run-change-feed';
import { RunCounters } from './run-counters';
import { RunStore } from './run-store';
import { WorkerRegistry } from './worker-registry';

/** The Redis wrappers, each on the process's one connection and the namespace's keys. */
const STORES = [
  RunStore,
  RunCounters,
  RunChangeFeed,
  HotState,
  LeaderLease,
  WorkerRegistry,
  DestinationPushback,
  NotificationClaims,
] as const;

@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  static forRoot(): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: RedisConnection,
          inject: [INFRA_CONFIG],
          useFactory: (config: InfraConfig) => RedisConnection.connect(config),
        },
        ...STORES.map((Store) => ({
          provide: Store,
          inject: [RedisConnection, INFRA_CONFIG],
          useFactory: (redis: RedisConnection, config: InfraConfig) => new Store(redis, redisKeys(config.namespace)),
        })),
        {
          provide: PublishClaims,
          inject: [RedisConnection, INFRA_CONFIG, LeaderLease],
          useFactory: (redis: RedisConnection, config: InfraConfig, lease: LeaderLease) =>
            new PublishClaims(redis, redisKeys(config.namespace), lease),
        },
      ],
      exports: [RedisConnection, ...STORES, PublishClaims],
    };
  }

  constructor(private readonly connection: RedisConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
