import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { SystemStatus } from '@app/contracts';
import { SystemStatusDto } from '@app/contracts/dto';
import { ApiGuarded } from '../openapi/api-responses';
import { StatusService } from './status.service';

@ApiGuarded()
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  /** Redis, RabbitMQ (depth and consumers of each queue), Elasticsearch, the schedulers and the workers, by a deadline. */
  @Get()
  @ApiOkResponse({ type: SystemStatusDto })
  get(): Promise<SystemStatus> {
    return this.status.status();
  }
}
