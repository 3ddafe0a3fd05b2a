import { Module } from '@nestjs/common';
import { SchedulerMetricsModule } from '../metrics/scheduler-metrics.module';
import { LeadershipService } from './leadership.service';

/** Who leads among the schedulers: publishing, history sampling and notifying all ask, none owns it. */
@Module({
  imports: [SchedulerMetricsModule],
  providers: [LeadershipService],
  exports: [LeadershipService],
})
export class LeadershipModule {}
