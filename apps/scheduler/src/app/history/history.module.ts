import { Module } from '@nestjs/common';
import { PublishingModule } from '../publishing/publishing.module';
import { HistoryService } from './history.service';

@Module({
  imports: [PublishingModule],
  providers: [HistoryService],
})
export class HistoryModule {}
