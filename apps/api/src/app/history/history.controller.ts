import { Controller, Get, Param } from '@nestjs/common';
import type { RunHistory } from '@app/contracts';
import { HistoryService } from './history.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@Controller('runs/:id/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  get(@Param('id', RunIdPipe) id: string): Promise<RunHistory> {
    return this.history.get(id);
  }
}
