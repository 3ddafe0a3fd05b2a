import { Module, type DynamicModule } from '@nestjs/common';
import { InfraModule } from '@app/infra';
import { ArchivingModule } from './archiving/archiving.module';
import { HistoryModule } from './history/history.module';
import { NotifyingModule } from './notifying/notifying.module';
import { PublishingModule } from './publishing/publishing.module';
import { SCHEDULER_CONFIG, type SchedulerConfig } from './scheduler.config';

@Module({})
export class AppModule {
  static forRoot(config: SchedulerConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [InfraModule.forRoot(config), PublishingModule, ArchivingModule, HistoryModule, NotifyingModule],
      providers: [{ provide: SCHEDULER_CONFIG, useValue: config }],
      exports: [SCHEDULER_CONFIG],
    };
  }
}
