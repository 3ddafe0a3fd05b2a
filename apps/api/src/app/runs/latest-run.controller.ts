import { Body, Controller, Delete, Get, Patch, Post } from '@nestjs/common';
import type { Run } from '@app/contracts';
import { CreateRunDto, UpdateRunDto } from '@app/contracts/dto';
import { RunsService } from './runs.service';

/** The seeds' shorthand for the latest run: start, read, update, stop. */
@Controller('run')
export class LatestRunController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  start(@Body() request: CreateRunDto): Promise<Run> {
    return this.runs.create(request);
  }

  @Get()
  async get(): Promise<Run> {
    return this.runs.get(await this.runs.latestId());
  }

  @Patch()
  async update(@Body() request: UpdateRunDto): Promise<Run> {
    return this.runs.update(await this.runs.latestId(), request);
  }

  @Delete()
  async stop(): Promise<Run> {
    return this.runs.stop(await this.runs.latestId());
  }
}
