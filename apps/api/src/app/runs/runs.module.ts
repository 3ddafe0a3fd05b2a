import { Module } from '@nestjs/common';
import { LatestRunController } from './latest-run.controller';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({
  controllers: [RunsController, LatestRunController],
  providers: [RunsService],
  exports: [RunsService],
})
export class RunsModule {}
