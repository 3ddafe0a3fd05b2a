import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { InfraModule } from '@app/infra';
import { API_CONFIG, type ApiConfig } from './api.config';
import { AuditModule } from './audit/audit.module';
import { FailuresModule } from './failures/failures.module';
import { HistoryModule } from './history/history.module';
import { LiveModule } from './live/live.module';
import { ResultsModule } from './results/results.module';
import { RunsModule } from './runs/runs.module';
import { WorkersModule } from './workers/workers.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    const dashboard = config.dashboardDir
      ? [ServeStaticModule.forRoot({ rootPath: config.dashboardDir, exclude: ['/api/{*path}', '/metrics', '/socket.io/{*path}'] })]
      : [];
    return {
      module: AppModule,
      global: true,
      imports: [
        InfraModule.forRoot(config),
        RunsModule,
        FailuresModule,
        ResultsModule,
        HistoryModule,
        AuditModule,
        WorkersModule,
        LiveModule,
        ...dashboard,
      ],
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
    };
  }
}
