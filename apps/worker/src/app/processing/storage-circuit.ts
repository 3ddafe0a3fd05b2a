import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { METRIC_NAMES } from '@app/contracts';
import { CircuitBreaker } from '@app/domain';
import { ElasticsearchConnection } from '@app/infra';
import { WORKER_CONFIG, type WorkerConfig } from '../worker.config';

/** How often an open circuit checks whether its probe is due. */
const PROBE_CHECK_MS = 200;

export type StorageListener = (available: boolean) => Promise<void>;

/**
 * A circuit breaker around Elasticsearch, where results are stored. When storing fails repeatedly the
 * circuit opens: calls fail at once without touching Elasticsearch and the listener stops taking jobs (so the
 * worker neither spins nor requeue-loops); once the open time has passed, a health probe decides whether to
 * close it (and take jobs again) or to stay open for twice as long.
 */
@Injectable()
export class StorageCircuit implements OnApplicationShutdown {
  private readonly logger = new Logger(StorageCircuit.name);
  private readonly breaker: CircuitBreaker;
  private readonly openGauge: Gauge;
  private listener: StorageListener = async () => undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private open = false;

  constructor(
    private readonly es: ElasticsearchConnection,
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    registry: Registry,
  ) {
    this.breaker = new CircuitBreaker({
      failureThreshold: config.breakerFailures,
      openMs: config.breakerOpenMs,
      maxOpenMs: config.breakerMaxOpenMs,
    });
    this.openGauge = new Gauge({
      name: METRIC_NAMES.workerStorageCircuitOpen,
      help: '1 while the circuit around Elasticsearch is open',
      registers: [registry],
    });
  }

  /** False while the circuit is open. */
  get available(): boolean {
    return !this.open;
  }

  /** Called with false when the circuit opens and true when it closes again. */
  onAvailabilityChange(listener: StorageListener): void {
    this.listener = listener;
  }

  async call<T>(store: () => Promise<T>): Promise<T> {
    if (this.open) throw new Error('elasticsearch circuit is open: not storing until a probe succeeds');
    try {
      const result = await store();
      this.breaker.recordSuccess();
      return result;
    } catch (error) {
      if (this.breaker.recordFailure(Date.now()) === 'open' && !this.open) await this.trip(error as Error);
      throw error;
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.probeTimer);
  }

  private async trip(cause: Error): Promise<void> {
    this.open = true;
    this.openGauge.set(1);
    this.logger.warn(`elasticsearch circuit open after repeated failures (${cause.message}): no longer taking jobs`);
    await this.listener(false);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    this.probeTimer = setTimeout(() => void this.probe(), PROBE_CHECK_MS);
  }

  private async probe(): Promise<void> {
    if (this.breaker.state(Date.now()) !== 'half-open') return this.scheduleProbe();
    try {
      await this.es.ping();
    } catch (error) {
      this.breaker.recordFailure(Date.now());
      this.logger.warn(`elasticsearch probe failed, circuit stays open: ${(error as Error).message}`);
      return this.scheduleProbe();
    }
    this.breaker.recordSuccess();
    this.open = false;
    this.openGauge.set(0);
    this.logger.log('elasticsearch probe succeeded: circuit closed, taking jobs again');
    await this.listener(true);
  }
}
