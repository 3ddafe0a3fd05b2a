import { Module } from '@nestjs/common';
import { SchedulerMetricsModule } from '../metrics/scheduler-metrics.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { PublishLoop } from './publish-loop';
import { RunPublisher } from './run-publisher';
import { StateRecovery } from './state-recovery.service';

@Module({
  imports: [SchedulerMetricsModule, LeadershipModule],
  providers: [StateRecovery, RunPublisher, PublishLoop],
})
export class PublishingModule {}
