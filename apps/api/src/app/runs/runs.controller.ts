import { applyDecorators, Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { CreatedRun, Run, RunPage } from '@app/contracts';
import { CreatedRunDto, CreateRunDto, ListRunsQuery, RunDto, RunPageDto, UpdateRunDto } from '@app/contracts/dto';
import { ApiBadRequest, ApiChange, ApiGuarded, ApiJsonBody, ApiNeedsHotState, ApiRunById, ApiTransition } from '../openapi/api-responses';
import { RunsService } from './runs.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

/** pause, resume and stop: a change of a run by id that may be impossible, and needs the hot state. */
const ApiRunTransition = () =>
  applyDecorators(ApiOkResponse({ type: RunDto }), ApiRunById(), ApiChange(), ApiTransition(), ApiNeedsHotState());

@ApiGuarded()
@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedRunDto })
  @ApiChange()
  @ApiJsonBody()
  create(@Body() request: CreateRunDto): Promise<CreatedRun> {
    return this.runs.create(request);
  }

  @Get()
  @ApiOkResponse({ type: RunPageDto })
  @ApiBadRequest()
  list(@Query() query: ListRunsQuery): Promise<RunPage> {
    return this.runs.list(query.limit, query.cursor, query.status);
  }

  @Get(':id')
  @ApiOkResponse({ type: RunDto })
  @ApiRunById()
  get(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: RunDto })
  @ApiRunById()
  @ApiChange()
  @ApiJsonBody()
  @ApiTransition()
  @ApiNeedsHotState()
  update(@Param('id', RunIdPipe) id: string, @Body() request: UpdateRunDto): Promise<Run> {
    return this.runs.update(id, request);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiRunTransition()
  pause(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiRunTransition()
  resume(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.resume(id);
  }

  @Post(':id/stop')
  @HttpCode(200)
  @ApiRunTransition()
  stop(@Param('id', RunIdPipe) id: string): Promise<Run> {
    return this.runs.stop(id);
  }
}
