import { Module } from '@nestjs/common';
import { RunLookupModule } from '../run-lookup/run-lookup.module';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';

@Module({
  imports: [RunLookupModule],
  controllers: [HistoryController],
  providers: [HistoryService],
})
export class HistoryModule {}
