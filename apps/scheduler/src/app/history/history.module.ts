import { Module } from '@nestjs/common';
import { SchedulerMetricsModule } from '../metrics/scheduler-metrics.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { HistorySampler } from './history-sampler';

@Module({
  imports: [SchedulerMetricsModule, LeadershipModule],
  providers: [HistorySampler],
})
export class HistoryModule {}
