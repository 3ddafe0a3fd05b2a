import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { fromRunDocument, type RunState } from '@app/domain';
import { HotState, RunArchive, RunStore } from '@app/infra';

/**
 * The one way the api finds a run, for every route under `/api/runs/:id`. Reads fall back to the run's durable
 * record while Redis is being rebuilt after losing its data (seconds), so a run that exists never answers 404;
 * changes need the hot state and answer 503 meanwhile.
 */
@Injectable()
export class RunLookup {
  constructor(
    private readonly runs: RunStore,
    private readonly hotState: HotState,
    private readonly archive: RunArchive,
  ) {}

  /** The run to read: from Redis, else (only while the state is rebuilt) from Elasticsearch; 404 when it does not exist. */
  async require(runId: string): Promise<RunState> {
    const state = (await this.runs.get(runId)) ?? (await this.archivedWhileRebuilding(runId));
    if (!state) throw notFound(runId);
    return state;
  }

  /** The run to change: from Redis, the only place a change may be made; 503 while the state is rebuilt, 404 when it does not exist. */
  async requireHot(runId: string): Promise<RunState> {
    const state = await this.runs.get(runId);
    if (state) return state;
    if (!(await this.hotState.isReady())) throw stateRebuilding();
    throw notFound(runId);
  }

  private async archivedWhileRebuilding(runId: string): Promise<RunState | null> {
    if (await this.hotState.isReady()) return null;
    const record = await this.archive.get(runId);
    return record && fromRunDocument(record);
  }
}

const notFound = (runId: string) => new NotFoundException(`run ${runId} does not exist`);

/** The 503 of a change while the hot state is rebuilt. */
export const stateRebuilding = () =>
  new ServiceUnavailableException('the run state is being rebuilt after Redis lost its data or failed over; try again in a few seconds');
