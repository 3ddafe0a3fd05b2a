import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { RunHistory } from '@app/contracts';
import { RunHistoryDto } from '@app/contracts/dto';
import { ApiGuarded, ApiRunById } from '../openapi/api-responses';
import { HistoryService } from './history.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@ApiGuarded()
@ApiRunById()
@Controller('runs/:id/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOkResponse({ type: RunHistoryDto })
  get(@Param('id', RunIdPipe) id: string): Promise<RunHistory> {
    return this.history.get(id);
  }
}
