import { Module, type DynamicModule } from '@nestjs/common';
import { AmqpModule } from './amqp/amqp.module';
import { ConfigModule } from './config/config.module';
import type { InfraConfig } from './config/infra.config';
import { ElasticsearchModule } from './elasticsearch/elasticsearch.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { RedisModule } from './redis/redis.module';

/**
 * What every service stands on, in one import: its validated connection settings; the Redis, RabbitMQ and
 * Elasticsearch clients (each global, health-checked and closed on shutdown); `/metrics` and `/health`.
 */
@Module({})
export class InfraModule {
  static forRoot(config: InfraConfig): DynamicModule {
    return {
      module: InfraModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule.forRoot(),
        AmqpModule.forRoot(),
        ElasticsearchModule.forRoot(),
        MetricsModule,
        HealthModule,
      ],
    };
  }
}
