import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { elasticsearchIndices } from '@app/contracts';
import { INFRA_CONFIG } from '../config/infra-config.token';
import type { InfraConfig } from '../config/infra.config';
import { DatasetStore } from './dataset-store';
import { ElasticsearchConnection } from './elasticsearch.connection';
import { ResultStore } from './result-store';
import { RunArchive } from './run-archive';
import { RunHistoryStore } from './run-history-store';
import { RunRecords } from './run-records';

@Global()
@Module({})
export class ElasticsearchModule implements OnApplicationShutdown {
  static forRoot(): DynamicModule {
    return {
      module: ElasticsearchModule,
      providers: [
        {
          provide: ElasticsearchConnection,
          inject: [INFRA_CONFIG],
          useFactory: (config: InfraConfig) =>
            ElasticsearchConnection.connect(config.elasticsearchNodes, elasticsearchIndices(config.elasticsearchIndexPrefix), {
              shards: config.elasticsearchShards,
              replicas: config.elasticsearchReplicas,
            }),
        },
        { provide: DatasetStore, inject: [ElasticsearchConnection], useFactory: (es: ElasticsearchConnection) => new DatasetStore(es) },
        {
          provide: RunRecords,
          inject: [DatasetStore, INFRA_CONFIG],
          useFactory: (datasets: DatasetStore, config: InfraConfig) => new RunRecords(datasets, config.datasetWindowRecords),
        },
        { provide: ResultStore, inject: [ElasticsearchConnection], useFactory: (es: ElasticsearchConnection) => new ResultStore(es) },
        { provide: RunArchive, inject: [ElasticsearchConnection], useFactory: (es: ElasticsearchConnection) => new RunArchive(es) },
        {
          provide: RunHistoryStore,
          inject: [ElasticsearchConnection],
          useFactory: (es: ElasticsearchConnection) => new RunHistoryStore(es),
        },
      ],
      exports: [ElasticsearchConnection, DatasetStore, ResultStore, RunArchive, RunHistoryStore, RunRecords],
    };
  }

  constructor(private readonly connection: ElasticsearchConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
