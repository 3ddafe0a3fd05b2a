import { Controller, Get } from '@nestjs/common';
import type { SystemStatus } from '@app/contracts';
import { StatusService } from './status.service';

@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  /** Redis, RabbitMQ (depth and consumers of each queue), Elasticsearch, the schedulers and the workers, by a deadline. */
  @Get()
  get(): Promise<SystemStatus> {
    return this.status.status();
  }
}
