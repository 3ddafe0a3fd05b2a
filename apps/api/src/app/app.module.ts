import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { InfraModule } from '@app/infra';
import { AccessModule } from './access/access.module';
import { API_CONFIG, type ApiConfig } from './api.config';
import { AuditModule } from './audit/audit.module';
import { DatasetsModule } from './datasets/datasets.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { FailuresModule } from './failures/failures.module';
import { HistoryModule } from './history/history.module';
import { LiveModule } from './live/live.module';
import { ResultsModule } from './results/results.module';
import { RunsModule } from './runs/runs.module';
import { StatusModule } from './status/status.module';
import { WorkersModule } from './workers/workers.module';

/** Any path but `/api…`, `/metrics…` and `/socket.io…` (case-insensitive, as Express routes). */
const NOT_API_PATH = /^(?!\/(?:api|metrics|socket\.io)(?:\/|$))/i;

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    // The dashboard's index.html answers every GET outside the api's own paths. Those are kept out by the render
    // path rather than by `exclude`: serve-static turns any error on an excluded path (a param that does not
    // decode, say) into a 404 "Cannot GET …", where Nest answers it with its own status.
    const dashboard = config.dashboardDir ? [ServeStaticModule.forRoot({ rootPath: config.dashboardDir, renderPath: NOT_API_PATH })] : [];
    return {
      module: AppModule,
      global: true,
      imports: [
        InfraModule.forRoot(config),
        AccessModule,
        RunsModule,
        FailuresModule,
        ResultsModule,
        DeliveriesModule,
        HistoryModule,
        AuditModule,
        DatasetsModule,
        WorkersModule,
        StatusModule,
        LiveModule,
        ...dashboard,
      ],
      providers: [{ provide: API_CONFIG, useValue: config }],
      exports: [API_CONFIG],
    };
  }
}
