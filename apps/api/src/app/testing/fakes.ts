import type { DatasetDocument, DeliveryStats, RunDocument, WorkerStatus } from '@app/contracts';
import { claimedCount, toRunDocument, type RunState } from '@app/domain';
import type { Provider } from '@nestjs/common';
import { DatasetStore, HotState, ResultStore, RunArchive, RunStore, WorkerRegistry, type SaveOutcome } from '@app/infra';
import { API_CONFIG, loadApiConfig } from '../api.config';

/*
 * In-memory stand-ins for the api's stores, for the unit tier: each implements only the methods the services
 * call, with the real store's behaviour; a method a service calls that is not here fails the spec.
 */

/** RunStore: runs by id, listed newest first, saved with compare-and-set on `revision`. */
export class FakeRunStore implements Pick<RunStore, 'create' | 'get' | 'listIds' | 'getMany' | 'save' | 'achievedRatePerMinute'> {
  private readonly runs = new Map<string, RunState>();
  /** Every `listIds` call's arguments. */
  readonly listCalls: { limit: number; cursor?: string }[] = [];
  saves = 0;
  private interference: { times: number; change: (run: RunState) => RunState } | null = null;

  constructor(
    private readonly log: string[] = [],
    /** Saves refuse while it is not ready, as the save script does. */
    private readonly hotState: Pick<HotState, 'isReady'> = new FakeHotState(),
  ) {}

  /** Puts a run in place as if created earlier. */
  put(run: RunState): void {
    this.runs.set(run.id, { ...run });
  }

  /**
   * Makes another process change the stored run just before each of the next `times` saves: by default a
   * change of its revision (a worker completing it, another api instance), so those saves find it moved.
   */
  changeBeforeNextSaves(times: number, change = (run: RunState): RunState => ({ ...run, revision: run.revision + 1 })): void {
    this.interference = { times, change };
  }

  async create(run: RunState): Promise<void> {
    this.log.push(`runs.create ${run.id}`);
    this.put(run);
  }

  async get(runId: string): Promise<RunState | null> {
    const run = this.runs.get(runId);
    return run ? { ...run } : null;
  }

  async listIds(limit: number, cursor?: string): Promise<string[]> {
    this.listCalls.push({ limit, cursor });
    return [...this.runs.keys()]
      .sort()
      .reverse()
      .filter((id) => cursor === undefined || id < cursor)
      .slice(0, limit);
  }

  async getMany(runIds: readonly string[]): Promise<RunState[]> {
    return runIds.flatMap((id) => {
      const run = this.runs.get(id);
      return run ? [{ ...run }] : [];
    });
  }

  /** As the save script: stale when the revision moved, refused below the claimed seqs, else the definition saved with the next revision. */
  async save(run: RunState, nowMs: number): Promise<SaveOutcome> {
    this.saves++;
    this.log.push(`runs.save ${run.id}`);
    if (!(await this.hotState.isReady())) return 'rebuilding';
    let current = this.runs.get(run.id);
    if (!current) return 'stale';
    if (this.interference && this.interference.times > 0) {
      this.interference.times--;
      current = this.interference.change(current);
      this.runs.set(run.id, current);
    }
    if (current.revision !== run.revision) return 'stale';
    if (run.total < claimedCount(current)) return 'total-below-claimed';
    const { reserved, published, processed, failed } = current;
    this.runs.set(run.id, { ...run, reserved, published, processed, failed, revision: current.revision + 1, updatedAt: nowMs });
    return 'saved';
  }

  /** Nothing processed in any second. */
  async achievedRatePerMinute(): Promise<number> {
    return 0;
  }
}

/** RunArchive: the durable records by id; `save` keeps what it was given, the latest write winning. */
export class FakeRunArchive implements Pick<RunArchive, 'save' | 'get'> {
  readonly records = new Map<string, RunDocument>();
  readonly saved: RunState[] = [];
  reads = 0;

  constructor(private readonly log: string[] = []) {}

  async save(run: RunState): Promise<void> {
    this.log.push(`archive.save ${run.id}`);
    this.saved.push(run);
    this.records.set(run.id, toRunDocument(run));
  }

  async get(runId: string): Promise<RunDocument | null> {
    this.reads++;
    return this.records.get(runId) ?? null;
  }
}

/** HotState: whether Redis holds the whole state (false while it is being rebuilt). */
export class FakeHotState implements Pick<HotState, 'isReady'> {
  ready = true;

  async isReady(): Promise<boolean> {
    return this.ready;
  }
}

/** WorkerRegistry: the live workers. */
export class FakeWorkerRegistry implements Pick<WorkerRegistry, 'live'> {
  workers: WorkerStatus[] = [];

  async live(): Promise<WorkerStatus[]> {
    return [...this.workers];
  }
}

/** DatasetStore: the datasets a test puts, by id. */
export class FakeDatasetStore implements Pick<DatasetStore, 'get'> {
  readonly datasets = new Map<string, DatasetDocument>();

  async get(datasetId: string): Promise<DatasetDocument | null> {
    return this.datasets.get(datasetId) ?? null;
  }
}

/** ResultStore: the delivery stats a test puts for a run; a run without any has nothing stored. */
export class FakeResultStore implements Pick<ResultStore, 'deliveryStats'> {
  readonly deliveries = new Map<string, DeliveryStats>();
  /** The runs whose stats were read, in order. */
  readonly reads: string[] = [];

  async deliveryStats(runId: string): Promise<DeliveryStats> {
    this.reads.push(runId);
    return (
      this.deliveries.get(runId) ?? { total: 0, byStatusClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, noAnswer: 0, latencyMs: null }
    );
  }
}

/** One set of fakes sharing a call log, and the providers that put them in place of the real stores. */
export function apiFakes() {
  const log: string[] = [];
  const hotState = new FakeHotState();
  const runs = new FakeRunStore(log, hotState);
  const archive = new FakeRunArchive(log);
  const workers = new FakeWorkerRegistry();
  const datasets = new FakeDatasetStore();
  const results = new FakeResultStore();
  const config = loadApiConfig({ API_TOKEN: 'operator-token-of-the-unit-tier-0001' });
  const providers: Provider[] = [
    { provide: DatasetStore, useValue: datasets },
    { provide: API_CONFIG, useValue: config },
    { provide: RunStore, useValue: runs },
    { provide: RunArchive, useValue: archive },
    { provide: HotState, useValue: hotState },
    { provide: WorkerRegistry, useValue: workers },
    { provide: ResultStore, useValue: results },
  ];
  return { log, runs, archive, hotState, workers, datasets, results, config, providers };
}
