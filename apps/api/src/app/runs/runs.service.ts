import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DEFAULT_PROCESSOR, type CreateRunDto, type Run, type RunPage } from '@app/contracts';
import { achievedRatePerMinute, formatRunId, toRunView, type RunState } from '@app/domain';
import { RunStore } from '@app/infra';

/** Seconds over which `achievedRatePerMinute` is measured. */
const ACHIEVED_RATE_WINDOW_S = 10;
const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class RunsService {
  constructor(private readonly runs: RunStore) {}

  async create(request: CreateRunDto): Promise<Run> {
    const now = Date.now();
    const state: RunState = {
      id: formatRunId(now, randomBytes(4).readUInt32BE().toString(36).padStart(7, '0')),
      status: 'running',
      total: request.total,
      ratePerMinute: request.ratePerMinute,
      processor: request.processor ?? DEFAULT_PROCESSOR,
      published: 0,
      processed: 0,
      failed: 0,
      createdAt: now,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    await this.runs.create(state);
    return this.view(state, now);
  }

  async get(runId: string): Promise<Run> {
    const state = await this.runs.get(runId);
    if (!state) throw new NotFoundException(`run ${runId} does not exist`);
    return this.view(state, Date.now());
  }

  async list(limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<RunPage> {
    const ids = await this.runs.listIds(limit, cursor);
    const items = await this.getMany(ids);
    return { items, nextCursor: ids.length === limit ? ids[ids.length - 1] : null };
  }

  /** Current views of the given runs; unknown ids are left out. */
  async getMany(runIds: readonly string[]): Promise<Run[]> {
    const now = Date.now();
    const states = await this.runs.getMany(runIds);
    return Promise.all(states.map((state) => this.view(state, now)));
  }

  private async view(state: RunState, now: number): Promise<Run> {
    const perSecond = await this.runs.processedPerSecond(state.id, now, ACHIEVED_RATE_WINDOW_S);
    return toRunView(state, achievedRatePerMinute(perSecond));
  }
}
