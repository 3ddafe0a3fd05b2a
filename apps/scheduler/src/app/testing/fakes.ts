import type { Provider } from '@nestjs/common';
import { Registry } from 'prom-client';
import { amqpNames, type DatasetRecord, type JobMessage, type RunDocument, type SeqRange, type WorkerStatus } from '@app/contracts';
import type { DeliveryAttempt, RunState } from '@app/domain';
import {
  AmqpConnection,
  DestinationPushback,
  HotState,
  HttpDelivery,
  JobQueue,
  LeaderLease,
  NotificationClaims,
  PublishClaims,
  ResultStore,
  RunArchive,
  RunChangeFeed,
  RunStore,
  type DeliveryRequest,
  type ReserveOutcome,
  type SaveOutcome,
  type StoredDocument,
  RunRecords,
  type DatasetStore,
  WorkerRegistry,
} from '@app/infra';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { loadSchedulerConfig, SCHEDULER_CONFIG } from '../scheduler.config';

/*
 * In-memory stand-ins for the scheduler's queue and stores, for the unit tier: each implements only the methods
 * the services call, with the real one's behaviour; a method a service calls that is not here fails the spec.
 */

/** JobQueue: the jobs published; a publish can be made to wait for its confirm, or to fail, for every run or for one. */
export class FakeJobQueue implements Pick<JobQueue, 'publish'> {
  readonly published: JobMessage[] = [];
  failWith: Error | null = null;
  /** While set, a publish waits until this promise resolves (the broker's confirm). */
  confirm: Promise<void> | null = null;
  /** The runs whose publishes wait for a confirm of their own, until it resolves. */
  readonly confirmOf = new Map<string, Promise<void>>();
  /** The runs whose publishes fail. */
  readonly failingRuns = new Set<string>();

  constructor(private readonly log: string[]) {}

  async publish(jobs: readonly JobMessage[]): Promise<void> {
    this.log.push(`jobs.publish ${jobs.length}`);
    const runId = jobs[0]?.runId ?? '';
    await this.confirm;
    await this.confirmOf.get(runId);
    if (this.failWith) throw this.failWith;
    if (this.failingRuns.has(runId)) throw new Error(`the broker refused run ${runId}'s jobs`);
    this.log.push('jobs.confirmed');
    this.published.push(...jobs);
  }
}

/** PublishClaims: claims fenced by the lease's current token, the run's status and revision; `published` never lowered. */
export class FakePublishClaims implements Pick<PublishClaims, 'reserve' | 'recordPublished'> {
  leaseToken = 'token-1';
  readonly notRunning = new Set<string>();
  /** The revision each run is at, where a test moved it since the publisher read it. */
  readonly revisions = new Map<string, number>();
  readonly reserved = new Map<string, number>();
  readonly published = new Map<string, number>();

  constructor(private readonly log: string[]) {}

  async reserve(runId: string, leaseToken: string, upTo: number, revision: number): Promise<ReserveOutcome> {
    this.log.push(`claims.reserve ${upTo}`);
    if (leaseToken !== this.leaseToken) return 'fenced';
    if (revision !== (this.revisions.get(runId) ?? revision)) return 'changed';
    if (this.notRunning.has(runId)) return 'not-running';
    const reserved = Math.max(this.reserved.get(runId) ?? 0, upTo);
    this.reserved.set(runId, reserved);
    return reserved;
  }

  async recordPublished(runId: string, published: number): Promise<void> {
    this.log.push(`claims.recordPublished ${published}`);
    this.published.set(runId, Math.max(this.published.get(runId) ?? 0, published));
  }
}

/**
 * RunStore: the runs a test put in `runs`, and the states saved (the scheduler saves its throttling and its
 * notifications), each saved as given with its revision bumped, unless a save is to find the run changed.
 */
export class FakeRunStore implements Pick<RunStore, 'get' | 'getMany' | 'activeRunIds' | 'save' | 'achievedRatePerMinute'> {
  readonly runs = new Map<string, RunState>();
  readonly saved: RunState[] = [];
  /** Saves still to answer `stale`, as when a count or a claim moved the run since it was read. */
  staleSaves = 0;

  async get(runId: string): Promise<RunState | null> {
    return this.runs.get(runId) ?? null;
  }

  async getMany(runIds: readonly string[]): Promise<RunState[]> {
    return runIds.flatMap((runId) => this.runs.get(runId) ?? []);
  }

  /** The runs running or paused, as the active set holds them. */
  async activeRunIds(): Promise<string[]> {
    return [...this.runs.values()].filter(({ status }) => status === 'running' || status === 'paused').map(({ id }) => id);
  }

  async save(run: RunState): Promise<SaveOutcome> {
    if (this.staleSaves > 0) {
      this.staleSaves--;
      return 'stale';
    }
    this.saved.push(run);
    this.runs.set(run.id, { ...run, revision: run.revision + 1 });
    return 'saved';
  }

  /** Nothing processed in any second. */
  async achievedRatePerMinute(): Promise<number> {
    return 0;
  }
}

/** HotState: the ready marker, the rebuild lock, and the runs restored into it. */
export class FakeHotState implements Pick<HotState, 'isReady' | 'lockRebuild' | 'markReady' | 'restore'> {
  ready = false;
  lockHolder: string | null = null;
  readonly restored: { run: RunState; processed: readonly SeqRange[]; failed: readonly SeqRange[] }[] = [];

  constructor(private readonly log: string[]) {}

  async isReady(): Promise<boolean> {
    return this.ready;
  }

  async lockRebuild(holderId: string): Promise<boolean> {
    this.log.push(`hotState.lockRebuild ${holderId}`);
    if (this.lockHolder !== null && this.lockHolder !== holderId) return false;
    this.lockHolder = holderId;
    return true;
  }

  async markReady(): Promise<void> {
    this.log.push('hotState.markReady');
    this.ready = true;
    this.lockHolder = null;
  }

  async restore(run: RunState, processed: readonly SeqRange[], failed: readonly SeqRange[]): Promise<void> {
    this.log.push(`hotState.restore ${run.id}`);
    this.restored.push({ run, processed, failed });
  }
}

/** RunArchive: the durable records, oldest first, and the runs whose callback they say is still pending. */
export class FakeRunArchive implements Pick<RunArchive, 'all' | 'pendingNotificationRunIds'> {
  records: RunDocument[] = [];
  pendingNotifications: string[] = [];

  constructor(private readonly log: string[]) {}

  async all(): Promise<RunDocument[]> {
    this.log.push('archive.all');
    return [...this.records];
  }

  async pendingNotificationRunIds(): Promise<string[]> {
    this.log.push('archive.pendingNotificationRunIds');
    return [...this.pendingNotifications];
  }
}

/** ResultStore: the seqs stored per run as results and as dead letters, as ascending ranges. */
export class FakeResultStore implements Pick<ResultStore, 'storedSeqRanges'> {
  readonly seqs = new Map<string, { result: SeqRange[]; failure: SeqRange[] }>();

  async storedSeqRanges(runId: string, kind: StoredDocument['kind']): Promise<SeqRange[]> {
    return [...(this.seqs.get(runId)?.[kind] ?? [])];
  }
}

/** LeaderLease: one holder at a time; each acquisition of a free lease gets a new token. */
export class FakeLeaderLease implements Pick<LeaderLease, 'acquire' | 'release'> {
  holder: { token: string; holderId: string } | null = null;
  readonly acquireCalls: (string | null)[] = [];
  private epoch = 0;

  async acquire(token: string | null, holderId: string): Promise<string | null> {
    this.acquireCalls.push(token);
    if (this.holder && this.holder.token === token) return token;
    if (this.holder) return null;
    this.holder = { token: `${holderId}:${++this.epoch}`, holderId };
    return this.holder.token;
  }

  async release(token: string): Promise<void> {
    if (this.holder?.token === token) this.holder = null;
  }
}

/** NotificationClaims: who holds each run's claim and for how long it was taken or held; `lapse` lets it go. */
export class FakeNotificationClaims implements Pick<NotificationClaims, 'claim' | 'holdFor'> {
  readonly held = new Map<string, { holderId: string; ms: number }>();

  async claim(runId: string, holderId: string, ttlMs: number): Promise<boolean> {
    if (this.held.has(runId)) return false;
    this.held.set(runId, { holderId, ms: ttlMs });
    return true;
  }

  async holdFor(runId: string, holderId: string, ms: number): Promise<void> {
    const holder = this.held.get(runId)?.holderId ?? holderId;
    if (holder === holderId) this.held.set(runId, { holderId, ms });
  }

  lapse(runId: string): void {
    this.held.delete(runId);
  }
}

/** HttpDelivery: the requests sent, answered in turn with `answers`, then with a 200; none while answers are held. */
export class FakeHttpDelivery implements Pick<HttpDelivery, 'deliver'> {
  readonly sent: DeliveryRequest[] = [];
  readonly answers: DeliveryAttempt[] = [];
  private held: Promise<void> = Promise.resolve();

  async deliver(request: DeliveryRequest): Promise<DeliveryAttempt> {
    this.sent.push(request);
    await this.held;
    return this.answers.shift() ?? { kind: 'response', status: 200, latencyMs: 3, body: 'ok', retryAfterMs: null };
  }

  /** Leaves every request sent from now on unanswered, as a slow endpoint does, until the function returned is called. */
  holdAnswers(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return release;
  }
}

/** RunChangeFeed: whoever subscribed hears each `emit`. */
export class FakeRunChangeFeed implements Pick<RunChangeFeed, 'subscribe'> {
  private readonly listeners: ((runId: string) => void)[] = [];

  async subscribe(onChange: (runId: string) => void): Promise<void> {
    this.listeners.push(onChange);
  }

  emit(runId: string): void {
    for (const listener of this.listeners) listener(runId);
  }
}

/** DestinationPushback: no endpoint pushing back, unless a test says why one does. */
export class FakeDestinationPushback implements Pick<DestinationPushback, 'reasons'> {
  readonly held = new Map<string, string>();

  async reasons(runIds: readonly string[]): Promise<Map<string, string>> {
    return new Map(runIds.flatMap((runId) => (this.held.has(runId) ? [[runId, this.held.get(runId) as string]] : [])));
  }
}

/** DatasetStore: the records of the datasets a test gives them, `{ row: seq }` for `size` seqs. */
export class FakeDatasets implements Pick<DatasetStore, 'recordsFrom'> {
  readonly sizes = new Map<string, number>();

  async recordsFrom(datasetId: string, fromSeq: number, size: number): Promise<DatasetRecord[]> {
    const last = Math.min(this.sizes.get(datasetId) ?? 0, fromSeq + size - 1);
    return Array.from({ length: Math.max(0, last - fromSeq + 1) }, (_, i) => ({ seq: fromSeq + i, record: { row: fromSeq + i } }));
  }
}

/** One set of fakes sharing a call log, a fresh metrics registry, and the providers that put them in place. */
/** WorkerRegistry: the live workers, as their heartbeats would say. */
export class FakeWorkerRegistry implements Pick<WorkerRegistry, 'live'> {
  workers: WorkerStatus[] = [];

  async live(): Promise<WorkerStatus[]> {
    return this.workers;
  }
}

export function schedulerFakes(env: Record<string, string> = {}) {
  const log: string[] = [];
  const jobs = new FakeJobQueue(log);
  const claims = new FakePublishClaims(log);
  const runs = new FakeRunStore();
  const hotState = new FakeHotState(log);
  const archive = new FakeRunArchive(log);
  const results = new FakeResultStore();
  const lease = new FakeLeaderLease();
  const config = loadSchedulerConfig({ SCHEDULER_ID: 'scheduler-1', ...env });
  const datasets = new FakeDatasets();
  const notificationClaims = new FakeNotificationClaims();
  const http = new FakeHttpDelivery();
  const changes = new FakeRunChangeFeed();
  const pushback = new FakeDestinationPushback();
  const workers = new FakeWorkerRegistry();
  const providers: Provider[] = [
    { provide: JobQueue, useValue: jobs },
    { provide: RunRecords, useValue: new RunRecords(datasets, 100) },
    { provide: PublishClaims, useValue: claims },
    { provide: RunStore, useValue: runs },
    { provide: HotState, useValue: hotState },
    { provide: RunArchive, useValue: archive },
    { provide: ResultStore, useValue: results },
    { provide: LeaderLease, useValue: lease },
    { provide: NotificationClaims, useValue: notificationClaims },
    { provide: HttpDelivery, useValue: http },
    { provide: RunChangeFeed, useValue: changes },
    { provide: DestinationPushback, useValue: pushback },
    { provide: WorkerRegistry, useValue: workers },
    { provide: Registry, useValue: new Registry() },
    // The metrics are real; the queue gauges read an empty broker when scraped.
    {
      provide: AmqpConnection,
      useValue: { names: amqpNames('test'), queueStats: async () => [] } satisfies Pick<AmqpConnection, 'names' | 'queueStats'>,
    },
    SchedulerMetrics,
    { provide: SCHEDULER_CONFIG, useValue: config },
  ];
  return {
    log,
    jobs,
    claims,
    runs,
    hotState,
    archive,
    results,
    lease,
    datasets,
    notificationClaims,
    http,
    changes,
    pushback,
    workers,
    config,
    providers,
  };
}
