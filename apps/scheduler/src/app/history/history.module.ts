import { Module } from '@nestjs/common';
import { AutoscalingModule } from '../autoscaling/autoscaling.module';
import { SchedulerMetricsModule } from '../metrics/scheduler-metrics.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { HistorySampler } from './history-sampler';

@Module({
  imports: [SchedulerMetricsModule, LeadershipModule, AutoscalingModule],
  providers: [HistorySampler],
})
export class HistoryModule {}
