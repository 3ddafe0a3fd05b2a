import { Module } from '@nestjs/common';
import { RunLookupModule } from '../run-lookup/run-lookup.module';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Module({
  imports: [RunLookupModule],
  controllers: [ResultsController],
  providers: [ResultsService],
})
export class ResultsModule {}
