import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { FailurePage, ReplayResult } from '@app/contracts';
import { SeqPageQuery } from '@app/contracts/dto';
import { FailuresService } from './failures.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@Controller('runs/:id/failures')
export class FailuresController {
  constructor(private readonly failures: FailuresService) {}

  @Get()
  list(@Param('id', RunIdPipe) id: string, @Query() query: SeqPageQuery): Promise<FailurePage> {
    return this.failures.list(id, query.size, query.cursor);
  }

  @Post('replay')
  @HttpCode(200)
  replay(@Param('id', RunIdPipe) id: string): Promise<ReplayResult> {
    return this.failures.replay(id);
  }
}
