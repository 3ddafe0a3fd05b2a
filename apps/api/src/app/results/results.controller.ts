import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { ResultPage } from '@app/contracts';
import { ListResultsQuery, ResultPageDto } from '@app/contracts/dto';
import { ApiGuarded, ApiRunById } from '../openapi/api-responses';
import { ResultsService } from './results.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@ApiGuarded()
@ApiRunById()
@Controller('runs/:id/results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get()
  @ApiOkResponse({ type: ResultPageDto })
  list(@Param('id', RunIdPipe) id: string, @Query() query: ListResultsQuery): Promise<ResultPage> {
    return this.results.list(id, query);
  }
}
