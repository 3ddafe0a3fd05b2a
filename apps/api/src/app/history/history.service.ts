import { Injectable, NotFoundException } from '@nestjs/common';
import type { RunHistory } from '@app/contracts';
import { HISTORY_MAX_POINTS, downsample, historyMarks } from '@app/domain';
import { RunHistoryStore, RunStore } from '@app/infra';

/** A run's rate history for the chart: its samples, downsampled to fit, and the marks read off all of them. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly runs: RunStore,
    private readonly history: RunHistoryStore,
  ) {}

  async get(runId: string): Promise<RunHistory> {
    if (!(await this.runs.get(runId))) throw new NotFoundException(`run ${runId} does not exist`);
    const samples = await this.history.read(runId);
    return { runId, samples: downsample(samples, HISTORY_MAX_POINTS), marks: historyMarks(samples) };
  }
}
