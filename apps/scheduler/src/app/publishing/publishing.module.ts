import { Module } from '@nestjs/common';
import { LeadershipModule } from '../leadership/leadership.module';
import { PublishLoop } from './publish-loop';
import { RunPublisher } from './run-publisher';
import { StateRecovery } from './state-recovery.service';

@Module({
  imports: [LeadershipModule],
  providers: [StateRecovery, RunPublisher, PublishLoop],
})
export class PublishingModule {}
