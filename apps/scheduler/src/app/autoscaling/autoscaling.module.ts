import { Module } from '@nestjs/common';
import { SchedulerMetricsModule } from '../metrics/scheduler-metrics.module';
import { WorkerDemand } from './worker-demand';

/** The autoscaling signal the leader exports (`scheduler_workers_needed`). */
@Module({
  imports: [SchedulerMetricsModule],
  providers: [WorkerDemand],
  exports: [WorkerDemand],
})
export class AutoscalingModule {}
