import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CreateRunDto, ListRunsQuery, type Run, type RunPage } from '@app/contracts';
import { RunsService } from './runs.service';

@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  create(@Body() request: CreateRunDto): Promise<Run> {
    return this.runs.create(request);
  }

  @Get()
  list(@Query() query: ListRunsQuery): Promise<RunPage> {
    return this.runs.list(query.limit, query.cursor);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Run> {
    return this.runs.get(id);
  }
}
