import { Module } from '@nestjs/common';
import { RunLookup } from './run-lookup';

@Module({
  providers: [RunLookup],
  exports: [RunLookup],
})
export class RunLookupModule {}
