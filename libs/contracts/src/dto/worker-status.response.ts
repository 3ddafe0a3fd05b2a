import { ApiProperty } from '@nestjs/swagger';
import type { WorkerStatus } from '../lib/worker-status';
import { DATE_TIME } from './response-schemas';

export class WorkerStatusDto implements WorkerStatus {
  @ApiProperty() id!: string;
  @ApiProperty() host!: string;
  @ApiProperty({ type: 'integer' }) pid!: number;
  @ApiProperty(DATE_TIME) startedAt!: string;
  @ApiProperty(DATE_TIME) lastSeenAt!: string;
  @ApiProperty({ type: 'integer' }) processed!: number;
  @ApiProperty() rate!: number;
  @ApiProperty() storageAvailable!: boolean;
}
