import { Injectable } from '@nestjs/common';
import type { RunHistory } from '@app/contracts';
import { HISTORY_MAX_POINTS, downsample, historyMarks } from '@app/domain';
import { RunHistoryStore } from '@app/infra';
import { RunLookup } from '../run-lookup/run-lookup';

/** A run's rate history for the chart: its samples, downsampled to fit, and the marks read off all of them. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly runs: RunLookup,
    private readonly history: RunHistoryStore,
  ) {}

  async get(runId: string): Promise<RunHistory> {
    await this.runs.require(runId);
    const samples = await this.history.read(runId);
    return { runId, samples: downsample(samples, HISTORY_MAX_POINTS), marks: historyMarks(samples) };
  }
}
