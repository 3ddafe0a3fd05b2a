import { Module } from '@nestjs/common';
import { LeadershipModule } from '../leadership/leadership.module';
import { HistorySampler } from './history-sampler';

@Module({
  imports: [LeadershipModule],
  providers: [HistorySampler],
})
export class HistoryModule {}
