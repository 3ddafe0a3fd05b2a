import { Module } from '@nestjs/common';
import { ProcessorsModule } from '../processors/processors.module';
import { JobBatchProcessor } from './job-batch-processor';
import { Heartbeat } from './heartbeat';
import { JobConsumer } from './job-consumer';
import { StorageCircuit } from './storage-circuit';
import { WorkerMetrics } from './worker-metrics';

@Module({
  imports: [ProcessorsModule],
  providers: [WorkerMetrics, StorageCircuit, JobBatchProcessor, JobConsumer, Heartbeat],
})
export class ProcessingModule {}
