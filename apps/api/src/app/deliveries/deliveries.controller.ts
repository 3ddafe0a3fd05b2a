import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import type { DeliveryStats } from '@app/contracts';
import { DeliveryStatsDto, ErrorDto } from '@app/contracts/dto';
import { ApiGuarded, ApiRunById } from '../openapi/api-responses';
import { RunIdPipe } from '../run-lookup/run-id.pipe';
import { DeliveriesService } from './deliveries.service';

@ApiGuarded()
@ApiRunById()
@Controller('runs/:id/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOkResponse({ type: DeliveryStatsDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such run, or not an http run' })
  stats(@Param('id', RunIdPipe) id: string): Promise<DeliveryStats> {
    return this.deliveries.stats(id);
  }
}
