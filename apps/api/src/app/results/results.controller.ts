import { Controller, Get, Param, Query } from '@nestjs/common';
import type { ResultPage } from '@app/contracts';
import { ListResultsQuery } from '@app/contracts/dto';
import { ResultsService } from './results.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@Controller('runs/:id/results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get()
  list(@Param('id', RunIdPipe) id: string, @Query() query: ListResultsQuery): Promise<ResultPage> {
    return this.results.list(id, query);
  }
}
