import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  numberRuleMessage,
  RUN_NUMBER_RULES,
  type CreatedRun,
  type CreateRunRequest,
  type Run,
  type RunPage,
  type RunStatus,
  type UpdateRunRequest,
  type WorkerStatus,
} from '@app/contracts';
import {
  checkRunDefinition,
  claimedCount,
  formatRunId,
  newRun,
  pauseRun,
  requestedRate,
  resumeRun,
  stopRun,
  toRunJson,
  updateRun,
  type RunState,
  type RunTransition,
} from '@app/domain';
import { DatasetStore, newSigningSecret, RunArchive, RunStore, WorkerRegistry } from '@app/infra';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { badRequest } from '../bad-request';
import { RunLookup, stateRebuilding } from '../run-lookup/run-lookup';

const DEFAULT_PAGE_SIZE = 20;
/** Ids read per step while filtering the list by status. */
const FILTER_SCAN_SIZE = 200;
/** Compare-and-set attempts before giving up on a run that keeps changing under us. */
const SAVE_ATTEMPTS = 10;

@Injectable()
export class RunsService {
  constructor(
    private readonly runs: RunStore,
    private readonly lookup: RunLookup,
    private readonly archive: RunArchive,
    private readonly workers: WorkerRegistry,
    private readonly datasets: DatasetStore,
    @Inject(API_CONFIG) private readonly config: Pick<ApiConfig, 'httpTargetAllowlist'>,
  ) {}

  async create(request: CreateRunRequest): Promise<CreatedRun> {
    const checked = checkRunDefinition(request, this.config.httpTargetAllowlist);
    if (!checked.ok) throw badRequest(checked.error);
    const { definition } = checked;
    const total = await this.totalOf(request, definition.datasetId);
    const rate = requestedRate(request, total, true);
    if (!rate.ok) throw badRequest(rate.error);
    const now = Date.now();
    const id = formatRunId(now, randomBytes(4).readUInt32BE().toString(36).padStart(7, '0'));
    // One secret signs both an http run's deliveries and its completion callback.
    const secret = request.target?.secret ?? (definition.processor === 'http' || definition.notify !== null ? newSigningSecret() : null);
    const state = newRun({ id, total, ratePerMinute: rate.ratePerMinute as number, ...definition, secret }, now);
    // Durable before it is answered: the run survives the loss of Redis from its first moment.
    await this.archive.save(state);
    await this.runs.create(state);
    const run = await this.view(state, now);
    return secret === null ? run : { ...run, secret };
  }

  /** X: as given, or over a dataset its record count by default, and never more records than it holds. */
  private async totalOf(request: CreateRunRequest, datasetId: string | null): Promise<number> {
    if (datasetId === null) {
      if (request.total === undefined) throw badRequest(`${numberRuleMessage('total', RUN_NUMBER_RULES.total)} (or give a datasetId)`);
      return request.total;
    }
    const dataset = await this.datasets.get(datasetId);
    if (dataset === null) throw badRequest(`datasetId: there is no dataset ${datasetId}`);
    if (request.total !== undefined && request.total > dataset.records) {
      throw badRequest(`total must be at most the ${dataset.records} records of dataset ${datasetId}`);
    }
    return request.total ?? dataset.records;
  }

  async get(runId: string): Promise<Run> {
    return this.view(await this.lookup.require(runId), Date.now());
  }

  /** The newest run's id; 404 when there is none yet. */
  async latestId(): Promise<string> {
    const [id] = await this.runs.listIds(1);
    if (!id) throw new NotFoundException('no run has been started yet');
    return id;
  }

  async list(limit = DEFAULT_PAGE_SIZE, cursor?: string, status?: RunStatus): Promise<RunPage> {
    if (!status) {
      const ids = await this.runs.listIds(limit, cursor);
      return { items: await this.getMany(ids), nextCursor: ids.length === limit ? ids[ids.length - 1] : null };
    }
    const items: Run[] = [];
    let scanned = cursor;
    for (;;) {
      const ids = await this.runs.listIds(FILTER_SCAN_SIZE, scanned);
      for (const run of await this.getMany(ids)) {
        scanned = run.id;
        if (run.status !== status) continue;
        items.push(run);
        if (items.length === limit) return { items, nextCursor: run.id };
      }
      if (ids.length < FILTER_SCAN_SIZE) return { items, nextCursor: null };
      scanned = ids[ids.length - 1];
    }
  }

  /** Current views of the given runs; unknown ids are left out. */
  async getMany(runIds: readonly string[]): Promise<Run[]> {
    const now = Date.now();
    // One read of the workers for the whole page, not one per run.
    const [states, workers] = await Promise.all([this.runs.getMany(runIds), this.workers.live(now)]);
    return Promise.all(states.map((state) => this.view(state, now, workers)));
  }

  async update(runId: string, request: UpdateRunRequest): Promise<Run> {
    if (request.total === undefined && request.ratePerMinute === undefined && request.durationMinutes === undefined) {
      throw badRequest('give at least one of total, ratePerMinute or durationMinutes');
    }
    return this.change(runId, (run, now) => {
      const total = request.total ?? run.total;
      const rate = requestedRate(request, total - claimedCount(run), false);
      if (!rate.ok) throw badRequest(rate.error);
      return updateRun(run, { total, ratePerMinute: rate.ratePerMinute }, now);
    });
  }

  pause(runId: string): Promise<Run> {
    return this.change(runId, pauseRun);
  }

  resume(runId: string): Promise<Run> {
    return this.change(runId, resumeRun);
  }

  stop(runId: string): Promise<Run> {
    return this.change(runId, stopRun);
  }

  /** Applies a transition with compare-and-set, re-reading when a worker or scheduler moved the run meanwhile. */
  private async change(runId: string, transition: (run: RunState, now: number) => RunTransition): Promise<Run> {
    for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
      const now = Date.now();
      const result = transition(await this.lookup.requireHot(runId), now);
      if (!result.ok) throw new ConflictException(result.conflict);
      const outcome = await this.runs.save(result.state, now);
      if (outcome === 'rebuilding') throw stateRebuilding();
      if (outcome === 'saved') {
        const saved = await this.lookup.requireHot(runId);
        await this.archive.save(saved);
        return this.view(saved, Date.now());
      }
    }
    throw new ConflictException(`run ${runId} kept changing; try again`);
  }

  /** `workers` are read here unless the caller already has them (a page of runs reads them once). */
  private async view(state: RunState, now: number, workers?: readonly WorkerStatus[]): Promise<Run> {
    const [achieved, live] = await Promise.all([this.runs.achievedRatePerMinute(state, now), workers ?? this.workers.live(now)]);
    return toRunJson(state, achieved, live);
  }
}
