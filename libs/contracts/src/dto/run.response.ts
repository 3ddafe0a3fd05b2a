import { ApiProperty } from '@nestjs/swagger';
import { RUN_STATUSES, type Run, type RunPage, type RunStatus } from '../lib/run';
import { DATE_TIME, NULLABLE_DATE_TIME, NULLABLE_STRING } from './response-schemas';

export class RunDto implements Run {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty() ratePerMinute!: number;
  @ApiProperty() processor!: string;
  @ApiProperty({ type: 'integer' }) published!: number;
  @ApiProperty({ type: 'integer' }) processed!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'integer' }) queued!: number;
  @ApiProperty() throttled!: boolean;
  @ApiProperty(NULLABLE_STRING) throttleReason!: string | null;
  @ApiProperty(NULLABLE_STRING) stalledReason!: string | null;
  @ApiProperty() achievedRatePerMinute!: number;
  @ApiProperty({ type: Number, nullable: true }) etaSeconds!: number | null;
  @ApiProperty(DATE_TIME) createdAt!: string;
  @ApiProperty(NULLABLE_DATE_TIME) startedAt!: string | null;
  @ApiProperty(DATE_TIME) updatedAt!: string;
  @ApiProperty(NULLABLE_DATE_TIME) finishedAt!: string | null;
}

export class RunPageDto implements RunPage {
  @ApiProperty({ type: [RunDto] }) items!: RunDto[];
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}
