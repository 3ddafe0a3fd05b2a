import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { WorkerStatus } from '@app/contracts';
import { WorkerStatusDto } from '@app/contracts/dto';
import { WorkerRegistry } from '@app/infra';
import { ApiGuarded } from '../openapi/api-responses';

@ApiGuarded()
@Controller('workers')
export class WorkersController {
  constructor(private readonly workers: WorkerRegistry) {}

  /** Live workers: id, host, pid, startedAt, lastSeenAt, processed, rate, and whether they take jobs. */
  @Get()
  @ApiOkResponse({ type: [WorkerStatusDto] })
  list(): Promise<WorkerStatus[]> {
    return this.workers.live(Date.now());
  }
}
