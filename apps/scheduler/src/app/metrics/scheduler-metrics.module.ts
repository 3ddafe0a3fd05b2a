import { Module } from '@nestjs/common';
import { SchedulerMetrics } from './scheduler-metrics';

@Module({
  providers: [SchedulerMetrics],
  exports: [SchedulerMetrics],
})
export class SchedulerMetricsModule {}
