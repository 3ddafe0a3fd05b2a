import { Injectable } from '@nestjs/common';
import type { ResultPage } from '@app/contracts';
import type { ListResultsQuery } from '@app/contracts/dto';
import { ResultStore } from '@app/infra';
import { RunLookup } from '../run-lookup/run-lookup';

const DEFAULT_PAGE_SIZE = 100;

/** A run's stored results, paged by seq. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly results: ResultStore,
    private readonly runs: RunLookup,
  ) {}

  async list(runId: string, { size = DEFAULT_PAGE_SIZE, cursor, ...filters }: ListResultsQuery): Promise<ResultPage> {
    await this.runs.require(runId);
    return this.results.listResults(runId, size, cursor, filters);
  }
}
