import { ApiProperty } from '@nestjs/swagger';
import { RUN_STATUSES, type RunStatus } from '../lib/run';
import { RUN_MARK_KINDS, type RunHistory, type RunMark, type RunMarkKind, type RunSample } from '../lib/run-history';
import { DATE_TIME, NULLABLE_STRING } from './response-schemas';

export class RunSampleDto implements RunSample {
  @ApiProperty() runId!: string;
  @ApiProperty(DATE_TIME) at!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty() targetRatePerMinute!: number;
  @ApiProperty() achievedRatePerMinute!: number;
  @ApiProperty({ type: 'integer' }) published!: number;
  @ApiProperty({ type: 'integer' }) processed!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'integer' }) queued!: number;
  @ApiProperty() throttled!: boolean;
  @ApiProperty(NULLABLE_STRING) throttleReason!: string | null;
}

export class RunMarkDto implements RunMark {
  @ApiProperty(DATE_TIME) at!: string;
  @ApiProperty({ enum: RUN_MARK_KINDS }) kind!: RunMarkKind;
  @ApiProperty() detail!: string;
}

export class RunHistoryDto implements RunHistory {
  @ApiProperty() runId!: string;
  @ApiProperty({ type: [RunSampleDto] }) samples!: RunSampleDto[];
  @ApiProperty({ type: [RunMarkDto] }) marks!: RunMarkDto[];
}
