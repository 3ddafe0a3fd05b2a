import { Body, Controller, Delete, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { CreatedRun, Run } from '@app/contracts';
import { CreatedRunDto, CreateRunDto, RunDto, UpdateRunDto } from '@app/contracts/dto';
import { ApiChange, ApiGuarded, ApiJsonBody, ApiLatestRun, ApiNeedsHotState, ApiTransition } from '../openapi/api-responses';
import { RunsService } from './runs.service';

/** The seeds' shorthand for the latest run: start, read, update, stop. */
@ApiGuarded()
@Controller('run')
export class LatestRunController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedRunDto })
  @ApiChange()
  @ApiJsonBody()
  start(@Body() request: CreateRunDto): Promise<CreatedRun> {
    return this.runs.create(request);
  }

  @Get()
  @ApiOkResponse({ type: RunDto })
  @ApiLatestRun()
  async get(): Promise<Run> {
    return this.runs.get(await this.runs.latestId());
  }

  @Patch()
  @ApiOkResponse({ type: RunDto })
  @ApiLatestRun()
  @ApiChange()
  @ApiJsonBody()
  @ApiTransition()
  @ApiNeedsHotState()
  async update(@Body() request: UpdateRunDto): Promise<Run> {
    return this.runs.update(await this.runs.latestId(), request);
  }

  @Delete()
  @ApiOkResponse({ type: RunDto })
  @ApiLatestRun()
  @ApiChange()
  @ApiTransition()
  @ApiNeedsHotState()
  async stop(): Promise<Run> {
    return this.runs.stop(await this.runs.latestId());
  }
}
