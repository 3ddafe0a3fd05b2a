import { Injectable } from '@nestjs/common';
import { RunArchive } from '@app/infra';

/**
 * Which active runs use a dataset: a dataset they still read from cannot be deleted (409). Runs cannot be started
 * over a dataset yet; when they can, they will carry `datasetId`, and this is the one place that asks.
 */
export abstract class DatasetUsage {
  /** Ids of the running or paused runs over `datasetId` (a few, for the message). */
  abstract activeRunIds(datasetId: string): Promise<string[]>;
}

/**
 * Asks the `runs` index (the durable record of every run, updated on each status change) for active runs whose
 * `datasetId` is this one. Until runs carry the field (it is not in the runs mapping yet), it finds none.
 */
@Injectable()
export class ArchivedRunsDatasetUsage implements DatasetUsage {
  constructor(private readonly archive: RunArchive) {}

  activeRunIds(datasetId: string): Promise<string[]> {
    return this.archive.activeRunIdsUsing(datasetId);
  }
}
