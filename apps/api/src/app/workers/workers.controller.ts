import { Controller, Get } from '@nestjs/common';
import type { WorkerStatus } from '@app/contracts';
import { WorkerRegistry } from '@app/infra';

@Controller('workers')
export class WorkersController {
  constructor(private readonly workers: WorkerRegistry) {}

  /** Live workers: id, host, pid, startedAt, lastSeenAt, processed, rate, and whether they take jobs. */
  @Get()
  list(): Promise<WorkerStatus[]> {
    return this.workers.live(Date.now());
  }
}
