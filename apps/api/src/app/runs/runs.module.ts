import { Module } from '@nestjs/common';
import { RunLookupModule } from '../run-lookup/run-lookup.module';
import { LatestRunController } from './latest-run.controller';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({
  imports: [RunLookupModule],
  controllers: [RunsController, LatestRunController],
  providers: [RunsService],
  exports: [RunsService],
})
export class RunsModule {}
