import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Batcher } from '@app/domain';
import { JobQueue, type Delivery } from '@app/infra';
import { WORKER_CONFIG, type WorkerConfig } from '../worker.config';
import { JobBatchProcessor } from './job-batch-processor';
import { StorageCircuit } from './storage-circuit';

/** Takes jobs from the queue into batches; on shutdown stops taking, finishes what it holds, then lets go. */
@Injectable()
export class JobConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobConsumer.name);
  private readonly batcher: Batcher<Delivery>;
  private stopping = false;

  constructor(
    private readonly jobs: JobQueue,
    processor: JobBatchProcessor,
    private readonly storage: StorageCircuit,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    this.batcher = new Batcher<Delivery>({
      maxSize: config.batchSize,
      maxWaitMs: config.batchWaitMs,
      handle: (batch) => processor.process(batch),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // While Elasticsearch is unavailable the worker takes no jobs; they wait in the queue, none is lost.
    this.storage.onAvailabilityChange((available) => (available && !this.stopping ? this.consume() : this.jobs.stopConsuming()));
    await this.consume();
    this.logger.log(`${this.config.workerId} consuming (prefetch ${this.config.prefetch}, batch ${this.config.batchSize})`);
  }

  private consume(): Promise<void> {
    return this.jobs.consume(this.config.prefetch, (delivery) => this.batcher.add(delivery));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.jobs.stopConsuming();
    await this.batcher.drain();
    this.logger.log(`${this.config.workerId} finished its in-flight jobs`);
  }
}
