import { Module } from '@nestjs/common';
import { LeadershipService } from './leadership.service';
import { PublishLoop } from './publish-loop';
import { RunPublisher } from './run-publisher';
import { StateRecovery } from './state-recovery.service';

@Module({
  providers: [LeadershipService, StateRecovery, RunPublisher, PublishLoop],
  exports: [LeadershipService],
})
export class PublishingModule {}
