import { Module } from '@nestjs/common';
import { JobBatchProcessor } from './job-batch-processor';
import { JobConsumer } from './job-consumer';
import { StorageCircuit } from './storage-circuit';

@Module({
  providers: [StorageCircuit, JobBatchProcessor, JobConsumer],
})
export class ProcessingModule {}
