import { Module } from '@nestjs/common';
import { LeadershipService } from './leadership.service';
import { PublishLoop } from './publish-loop';
import { RunPublisher } from './run-publisher';

@Module({
  providers: [LeadershipService, RunPublisher, PublishLoop],
})
export class PublishingModule {}
