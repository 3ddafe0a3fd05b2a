import { ApiProperty } from '@nestjs/swagger';
import type { WorkerLimits, WorkerStatus } from '../lib/worker-status';
import { DATE_TIME } from './response-schemas';

export class WorkerLimitsDto implements WorkerLimits {
  @ApiProperty({ type: 'integer', description: 'http requests in flight at once over all runs (HTTP_MAX_IN_FLIGHT)' })
  httpInFlight!: number;
  @ApiProperty({ type: 'integer', description: "threads of the hash processor's pool (HASH_POOL_THREADS)" }) hashThreads!: number;
}

export class WorkerStatusDto implements WorkerStatus {
  @ApiProperty() id!: string;
  @ApiProperty() host!: string;
  @ApiProperty({ type: 'integer' }) pid!: number;
  @ApiProperty(DATE_TIME) startedAt!: string;
  @ApiProperty(DATE_TIME) lastSeenAt!: string;
  @ApiProperty({ type: 'integer' }) processed!: number;
  @ApiProperty() rate!: number;
  @ApiProperty() storageAvailable!: boolean;
  @ApiProperty({ type: WorkerLimitsDto, description: "the worker's caps per processor" }) limits!: WorkerLimitsDto;
}
