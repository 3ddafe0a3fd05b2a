import { Module } from '@nestjs/common';
import { LeadershipService } from './leadership.service';

/** Who leads among the schedulers: publishing and history sampling both ask, neither owns it. */
@Module({
  providers: [LeadershipService],
  exports: [LeadershipService],
})
export class LeadershipModule {}
