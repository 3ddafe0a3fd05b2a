import { Injectable, NotFoundException } from '@nestjs/common';
import type { ResultPage } from '@app/contracts';
import type { ListResultsQuery } from '@app/contracts/dto';
import { ResultStore, RunStore } from '@app/infra';

const DEFAULT_PAGE_SIZE = 100;

/** A run's stored results, paged by seq. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly results: ResultStore,
    private readonly runs: RunStore,
  ) {}

  async list(runId: string, { size = DEFAULT_PAGE_SIZE, cursor, ...filters }: ListResultsQuery): Promise<ResultPage> {
    if (!(await this.runs.get(runId))) throw new NotFoundException(`run ${runId} does not exist`);
    return this.results.listResults(runId, size, cursor, filters);
  }
}
