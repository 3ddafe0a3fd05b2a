import { Module } from '@nestjs/common';
import { JobBatchProcessor } from './job-batch-processor';
import { JobConsumer } from './job-consumer';

@Module({
  providers: [JobBatchProcessor, JobConsumer],
})
export class ProcessingModule {}
