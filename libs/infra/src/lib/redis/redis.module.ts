import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { redisKeys } from '@app/contracts';
import { INFRA_CONFIG } from '../config/infra-config.token';
import type { InfraConfig } from '../config/infra.config';
import { RedisConnection } from './redis.connection';
import { RunStore } from './run-store';
import { WorkerRegistry } from './worker-registry';

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
          useFactory: (config: InfraConfig) => RedisConnection.connect(config.redisUrl),
        },
        {
          provide: RunStore,
          inject: [RedisConnection, INFRA_CONFIG],
          useFactory: (redis: RedisConnection, config: InfraConfig) => new RunStore(redis, redisKeys(config.namespace)),
        },
        {
          provide: WorkerRegistry,
          inject: [RedisConnection, INFRA_CONFIG],
          useFactory: (redis: RedisConnection, config: InfraConfig) => new WorkerRegistry(redis, redisKeys(config.namespace)),
        },
      ],
      exports: [RedisConnection, RunStore, WorkerRegistry],
    };
  }

  constructor(private readonly connection: RedisConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
