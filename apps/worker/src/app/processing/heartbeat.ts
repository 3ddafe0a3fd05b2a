import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import { WORKER_HEARTBEAT_MS, type WorkerLimits } from '@app/contracts';
import { WorkerRegistry } from '@app/infra';
import { WORKER_CONFIG, type WorkerConfig } from '../worker.config';
import { StorageCircuit } from './storage-circuit';
import { WorkerMetrics } from './worker-metrics';

/** Tells the api, every second, that this worker lives, how much it processed, whether it takes jobs, and its caps. */
@Injectable()
export class Heartbeat implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Heartbeat.name);
  private readonly startedAt = new Date().toISOString();
  private readonly limits: WorkerLimits;
  private timer: NodeJS.Timeout | undefined;
  private lastProcessed = 0;
  private failing = false;

  constructor(
    private readonly workers: WorkerRegistry,
    private readonly storage: StorageCircuit,
    private readonly metrics: WorkerMetrics,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    this.limits = { httpInFlight: config.httpMaxInFlight, hashThreads: config.hashPoolThreads };
  }

  /** The first beat goes before the worker listens, so that a ready worker is a listed one. */
  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), WORKER_HEARTBEAT_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.workers.remove(this.config.workerId).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const processed = this.metrics.processedTotal;
    try {
      await this.workers.beat({
        id: this.config.workerId,
        host: hostname(),
        pid: process.pid,
        startedAt: this.startedAt,
        lastSeenAt: new Date().toISOString(),
        processed,
        rate: ((processed - this.lastProcessed) * 60_000) / WORKER_HEARTBEAT_MS,
        storageAvailable: this.storage.available,
        limits: this.limits,
      });
      this.lastProcessed = processed;
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
