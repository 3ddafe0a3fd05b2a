import { Module } from '@nestjs/common';
import { RunLookupModule } from '../run-lookup/run-lookup.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';

@Module({
  imports: [RunLookupModule],
  controllers: [DeliveriesController],
  providers: [DeliveriesService],
})
export class DeliveriesModule {}
