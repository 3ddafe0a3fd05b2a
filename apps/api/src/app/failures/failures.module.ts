import { Module } from '@nestjs/common';
import { RunLookupModule } from '../run-lookup/run-lookup.module';
import { FailuresController } from './failures.controller';
import { FailuresService } from './failures.service';

@Module({
  imports: [RunLookupModule],
  controllers: [FailuresController],
  providers: [FailuresService],
})
export class FailuresModule {}
