import { Injectable } from '@nestjs/common';
import type { RunState } from '@app/domain';
import { RunStore } from '@app/infra';

/** What a run's processor needs beyond the job itself. */
export type ProcessorSettings = Pick<RunState, 'target' | 'secret' | 'rounds'>;

/** Runs whose settings a worker keeps: well over the runs active at once. */
const RUNS_KEPT = 1_000;

/**
 * The processor settings of each run (target, secret, rounds), read from Redis once per run: they are fixed when
 * the run is created, so a worker keeps those of the most recent runs instead of reading them for every batch.
 */
@Injectable()
export class RunSettings {
  private readonly kept = new Map<string, ProcessorSettings>();

  constructor(private readonly runs: RunStore) {}

  /** Null for a run Redis does not know (yet: while the state is rebuilt), which the caller fails for now. */
  async of(runId: string): Promise<ProcessorSettings | null> {
    const kept = this.kept.get(runId);
    if (kept) return kept;
    const run = await this.runs.get(runId);
    if (run === null) return null;
    const settings = { target: run.target, secret: run.secret, rounds: run.rounds };
    this.kept.set(runId, settings);
    if (this.kept.size > RUNS_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return settings;
  }
}
