import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { amqpNames } from '@app/contracts';
import { INFRA_CONFIG } from '../config/infra-config.token';
import type { InfraConfig } from '../config/infra.config';
import { AmqpConnection } from './amqp.connection';
import { JobQueue } from './job-queue';

@Global()
@Module({})
export class AmqpModule implements OnApplicationShutdown {
  static forRoot(): DynamicModule {
    return {
      module: AmqpModule,
      providers: [
        {
          provide: AmqpConnection,
          inject: [INFRA_CONFIG],
          useFactory: (config: InfraConfig) =>
            AmqpConnection.connect({ urls: config.amqpUrls, names: amqpNames(config.namespace), queueType: config.amqpQueueType }),
        },
        { provide: JobQueue, inject: [AmqpConnection], useFactory: (amqp: AmqpConnection) => new JobQueue(amqp) },
      ],
      exports: [AmqpConnection, JobQueue],
    };
  }

  constructor(private readonly connection: AmqpConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
