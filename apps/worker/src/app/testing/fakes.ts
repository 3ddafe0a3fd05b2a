import type { Provider } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { Registry } from 'prom-client';
import { jobId, type JobMessage, type WorkerStatus } from '@app/contracts';
import type { DeliveryAttempt } from '@app/domain';
import {
  DestinationPushback,
  ElasticsearchConnection,
  HttpDelivery,
  JobQueue,
  ResultStore,
  RunCounters,
  WorkerRegistry,
  type BulkStoreOutcome,
  type DeliveryRequest,
  type Delivery,
  type ProcessedCount,
  type StoredDocument,
} from '@app/infra';
import { HashPool } from '../processors/hash/hash-pool';
import { iteratedSha256 } from '../processors/hash/iterated-sha256';
import { RunSettings, type ProcessorSettings } from '../processors/run-settings';
import { loadWorkerConfig, WORKER_CONFIG } from '../worker.config';

/*
 * In-memory stand-ins for the worker's queue and stores, for the unit tier: each implements only the methods the
 * processor calls, with the real one's behaviour; a method it calls that is not here fails the spec.
 */

/** A delivered message; as on a channel, only its first ack or nack takes effect. */
export class FakeDelivery implements Delivery {
  readonly message: ConsumeMessage;
  settled: 'acked' | 'requeued' | 'dropped' | null = null;

  constructor(
    body: JobMessage | string,
    private readonly log: string[],
  ) {
    const messageId = typeof body === 'string' ? 'garbage' : jobId(body.runId, body.seq);
    const content = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    // Only what the worker reads of a message: its body and id.
    this.message = { content, fields: {}, properties: { messageId, headers: {} } } as unknown as ConsumeMessage;
  }

  private get id(): string {
    return this.message.properties.messageId as string;
  }

  ack(): void {
    this.log.push(`ack ${this.id}`);
    this.settled ??= 'acked';
  }

  nack(requeue: boolean): void {
    this.log.push(`nack ${this.id}${requeue ? ' requeue' : ''}`);
    this.settled ??= requeue ? 'requeued' : 'dropped';
  }
}

/** JobQueue: the retry queues and the dead-letter queue, recording what was published to them; acks one by one. */
export class FakeJobQueue implements Pick<JobQueue, 'publishForRetry' | 'deadLetter' | 'ackAll'> {
  readonly retried: { delayMs: number; jobs: readonly JobMessage[] }[] = [];
  readonly deadLettered: { messageId: string; reason: string }[] = [];

  constructor(private readonly log: string[]) {}

  async publishForRetry(delayMs: number, jobs: readonly JobMessage[]): Promise<void> {
    this.log.push(`jobs.publishForRetry ${delayMs}`);
    this.retried.push({ delayMs, jobs });
  }

  async deadLetter(delivery: Delivery, reason: string): Promise<void> {
    const messageId = delivery.message.properties.messageId as string;
    this.log.push(`jobs.deadLetter ${messageId}`);
    this.deadLettered.push({ messageId, reason });
  }

  ackAll(deliveries: readonly Delivery[]): void {
    for (const delivery of deliveries) delivery.ack();
  }
}

/** ResultStore: documents by job id; seqs it is told to refuse fail in the bulk response, the rest are stored. */
export class FakeResultStore implements Pick<ResultStore, 'storeMany' | 'deleteFailures'> {
  readonly results = new Map<string, StoredDocument>();
  readonly failures = new Map<string, StoredDocument>();
  readonly refused = new Set<number>();

  constructor(private readonly log: string[]) {}

  async storeMany(documents: readonly StoredDocument[]): Promise<BulkStoreOutcome> {
    this.log.push('results.storeMany');
    const outcome: BulkStoreOutcome = { stored: [], failed: [] };
    documents.forEach((stored, index) => {
      const { runId, seq } = stored.document;
      if (this.refused.has(seq)) return outcome.failed.push({ index, reason: 'es_rejected_execution_exception' });
      (stored.kind === 'result' ? this.results : this.failures).set(jobId(runId, seq), stored);
      return outcome.stored.push(index);
    });
    return outcome;
  }

  async deleteFailures(runId: string, seqs: readonly number[]): Promise<void> {
    for (const seq of seqs) this.failures.delete(jobId(runId, seq));
  }
}

/** RunCounters: per known run, the seqs counted processed and failed, each once; null for an unknown run. */
export class FakeRunCounters implements Pick<RunCounters, 'countProcessed' | 'countFailed'> {
  private readonly runs = new Map<string, { processed: Set<number>; failed: Set<number> }>();
  /** Thrown by every count while set (Redis down, or the state not ready). */
  failWith: Error | null = null;

  constructor(private readonly log: string[]) {}

  addRun(runId: string): void {
    this.runs.set(runId, { processed: new Set(), failed: new Set() });
  }

  counted(runId: string): { processed: number[]; failed: number[] } {
    const run = this.runs.get(runId);
    return { processed: [...(run?.processed ?? [])], failed: [...(run?.failed ?? [])] };
  }

  async countProcessed(runId: string, seqs: readonly number[]): Promise<ProcessedCount | null> {
    this.log.push(`counters.countProcessed ${runId}`);
    if (this.failWith) throw this.failWith;
    const run = this.runs.get(runId);
    if (!run) return null;
    const fresh = seqs.filter((seq) => !run.processed.has(seq) && run.processed.add(seq));
    const movedFromFailed = fresh.filter((seq) => run.failed.delete(seq));
    return { added: fresh.length, movedFromFailed };
  }

  async countFailed(runId: string, seqs: readonly number[]): Promise<number | null> {
    this.log.push(`counters.countFailed ${runId}`);
    if (this.failWith) throw this.failWith;
    const run = this.runs.get(runId);
    if (!run) return null;
    return seqs.filter((seq) => !run.processed.has(seq) && !run.failed.has(seq) && run.failed.add(seq)).length;
  }
}

/** ElasticsearchConnection: only the health probe of the storage circuit. */
export class FakeElasticsearch implements Pick<ElasticsearchConnection, 'ping'> {
  async ping(): Promise<void> {
    return undefined;
  }
}

/** RunSettings: the processor settings of the runs a test gives them; unknown runs have none. */
export class FakeRunSettings implements Pick<RunSettings, 'of'> {
  readonly runs = new Map<string, ProcessorSettings>();

  async of(runId: string): Promise<ProcessorSettings | null> {
    return this.runs.get(runId) ?? null;
  }
}

/** HttpDelivery: each request answered as a test scripted it for its idempotency key, else with a 200. */
export class FakeHttpDelivery implements Pick<HttpDelivery, 'deliver'> {
  readonly answers = new Map<string, DeliveryAttempt>();
  readonly sent: DeliveryRequest[] = [];

  constructor(private readonly log: string[]) {}

  async deliver(request: DeliveryRequest): Promise<DeliveryAttempt> {
    this.sent.push(request);
    this.log.push(`http.deliver ${request.idempotencyKey}`);
    return this.answers.get(request.idempotencyKey) ?? { kind: 'response', status: 200, latencyMs: 3, body: 'ok', retryAfterMs: null };
  }
}

/** DestinationPushback: the holds asked for, in order. */
export class FakeDestinationPushback implements Pick<DestinationPushback, 'hold'> {
  readonly holds: { runId: string; reason: string; ms: number }[] = [];

  async hold(runId: string, reason: string, ms: number): Promise<void> {
    this.holds.push({ runId, reason, ms });
  }
}

/** HashPool: the same digests, computed in place. */
export class FakeHashPool implements Pick<HashPool, 'digest'> {
  async digest(inputs: string[], rounds: number): Promise<string[]> {
    return inputs.map((input) => iteratedSha256(input, rounds));
  }
}

/** WorkerRegistry: the heartbeats written, in order, and the workers removed. */
export class FakeWorkerRegistry implements Pick<WorkerRegistry, 'beat' | 'remove'> {
  readonly beats: WorkerStatus[] = [];
  readonly removed: string[] = [];

  async beat(status: WorkerStatus): Promise<void> {
    this.beats.push(status);
  }

  async remove(workerId: string): Promise<void> {
    this.removed.push(workerId);
  }
}

/** One set of fakes sharing a call log, a fresh metrics registry, and the providers that put them in place. */
export function workerFakes(env: Record<string, string> = {}) {
  const log: string[] = [];
  const jobs = new FakeJobQueue(log);
  const results = new FakeResultStore(log);
  const counters = new FakeRunCounters(log);
  const registry = new Registry();
  const config = loadWorkerConfig({ WORKER_ID: 'worker-1', WORKER_RETRY_DELAY_MS: '0', ...env });
  const settings = new FakeRunSettings();
  const http = new FakeHttpDelivery(log);
  const pushback = new FakeDestinationPushback();
  const workers = new FakeWorkerRegistry();
  const providers: Provider[] = [
    { provide: RunSettings, useValue: settings },
    { provide: HttpDelivery, useValue: http },
    { provide: DestinationPushback, useValue: pushback },
    { provide: HashPool, useValue: new FakeHashPool() },
    { provide: JobQueue, useValue: jobs },
    { provide: ResultStore, useValue: results },
    { provide: RunCounters, useValue: counters },
    { provide: ElasticsearchConnection, useValue: new FakeElasticsearch() },
    { provide: Registry, useValue: registry },
    { provide: WorkerRegistry, useValue: workers },
    { provide: WORKER_CONFIG, useValue: config },
  ];
  const delivery = (body: JobMessage | string) => new FakeDelivery(body, log);
  return { log, jobs, results, counters, registry, config, settings, http, pushback, workers, providers, delivery };
}
