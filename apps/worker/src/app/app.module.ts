import { Module, type DynamicModule } from '@nestjs/common';
import { InfraModule } from '@app/infra';
import { ProcessingModule } from './processing/processing.module';
import { WORKER_CONFIG, type WorkerConfig } from './worker.config';

@Module({})
export class AppModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [InfraModule.forRoot(config), ProcessingModule],
      providers: [{ provide: WORKER_CONFIG, useValue: config }],
      exports: [WORKER_CONFIG],
    };
  }
}
