import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { amqpNames } from '@app/contracts';
import { Batcher } from '@app/domain';
import { AmqpConnection, type Delivery } from '@app/infra';
import { WORKER_CONFIG, type WorkerConfig } from '../worker.config';
import { JobBatchProcessor } from './job-batch-processor';

/** Takes jobs from the queue into batches; on shutdown stops taking, finishes what it holds, then lets go. */
@Injectable()
export class JobConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobConsumer.name);
  private readonly batcher: Batcher<Delivery>;

  constructor(
    private readonly amqp: AmqpConnection,
    processor: JobBatchProcessor,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    this.batcher = new Batcher<Delivery>({
      maxSize: config.batchSize,
      maxWaitMs: config.batchWaitMs,
      handle: (batch) => processor.process(batch),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.amqp.consume({
      queue: amqpNames(this.config.namespace).jobsQueue,
      prefetch: this.config.prefetch,
      onMessage: (delivery) => this.batcher.add(delivery),
    });
    this.logger.log(`${this.config.workerId} consuming (prefetch ${this.config.prefetch}, batch ${this.config.batchSize})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.amqp.stopConsuming();
    await this.batcher.drain();
    this.logger.log(`${this.config.workerId} finished its in-flight jobs`);
  }
}
