import { Module } from '@nestjs/common';
import { SchedulerMetricsModule } from '../metrics/scheduler-metrics.module';
import { LeadershipService } from './leadership.service';

/** Who leads among the schedulers: publishing and history sampling both ask, neither owns it. */
@Module({
  imports: [SchedulerMetricsModule],
  providers: [LeadershipService],
  exports: [LeadershipService],
})
export class LeadershipModule {}
