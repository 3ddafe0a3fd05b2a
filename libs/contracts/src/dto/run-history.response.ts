import { ApiProperty } from '@nestjs/swagger';
import { RUN_STATUSES, type RunStatus } from '../lib/run';
import { RUN_MARK_KINDS, type RunHistory, type RunMark, type RunMarkKind, type RunSample } from '../lib/run-history';
import { DATE_TIME } from './response-schemas';
import { RunProgressDto } from './run.response';

export class RunSampleDto extends RunProgressDto implements RunSample {
  @ApiProperty() runId!: string;
  @ApiProperty(DATE_TIME) at!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty() targetRatePerMinute!: number;
  @ApiProperty() achievedRatePerMinute!: number;
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
