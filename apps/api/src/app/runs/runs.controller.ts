import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Run, RunPage } from '@app/contracts';
import { CreateRunDto, ListRunsQuery, UpdateRunDto } from '@app/contracts/dto';
import { RunsService } from './runs.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  create(@Body() request: CreateRunDto): Promise<Run> {
    return this.runs.create(request);
  }

  @Get()
  list(@Query() query: ListRunsQuery): Promise<RunPage> {
    return this.runs.list(query.limit, query.cursor, query.status);
  }

  @Get(':id')
  get(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.get(id);
  }

  @Patch(':id')
  update(@Param('id', RunIdPipe) id: string, @Body() request: UpdateRunDto): Promise<Run> {
    return this.runs.update(id, request);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.resume(id);
  }

  @Post(':id/stop')
  @HttpCode(200)
  stop(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.stop(id);
  }
}
