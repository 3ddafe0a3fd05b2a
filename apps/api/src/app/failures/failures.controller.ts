import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { FailurePage, ReplayResult } from '@app/contracts';
import { FailurePageDto, ReplayResultDto, SeqPageQuery } from '@app/contracts/dto';
import { ApiChange, ApiGuarded, ApiNeedsHotState, ApiRunById } from '../openapi/api-responses';
import { FailuresService } from './failures.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@ApiGuarded()
@ApiRunById()
@Controller('runs/:id/failures')
export class FailuresController {
  constructor(private readonly failures: FailuresService) {}

  @Get()
  @ApiOkResponse({ type: FailurePageDto })
  list(@Param('id', RunIdPipe) id: string, @Query() query: SeqPageQuery): Promise<FailurePage> {
    return this.failures.list(id, query.size, query.cursor);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplayResultDto })
  @ApiChange()
  @ApiNeedsHotState()
  replay(@Param('id', RunIdPipe) id: string): Promise<ReplayResult> {
    return this.failures.replay(id);
  }
}
