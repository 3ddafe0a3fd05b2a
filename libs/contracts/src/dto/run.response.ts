import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HTTP_METHODS, type HttpMethod, type HttpTarget } from '../lib/processors';
import {
  NOTIFICATION_STATUSES,
  RUN_STATUSES,
  type CreatedRun,
  type NotificationStatus,
  type Run,
  type RunNotification,
  type RunPage,
  type RunProgress,
  type RunStatus,
} from '../lib/run';
import { DATE_TIME, NULLABLE_DATE_TIME, NULLABLE_STRING } from './response-schemas';

export class HttpTargetDto implements HttpTarget {
  @ApiProperty() url!: string;
  @ApiProperty({ enum: HTTP_METHODS }) method!: HttpMethod;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers!: Record<string, string>;
  @ApiProperty({ type: 'integer' }) timeoutMs!: number;
  @ApiProperty({ type: 'integer' }) concurrency!: number;
}

export class RunNotificationDto implements RunNotification {
  @ApiProperty() url!: string;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status!: NotificationStatus;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty(NULLABLE_STRING) lastError!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'epoch milliseconds' }) deliveredAt!: number | null;
}

/** The fields of `RunProgress`, documented once for a run and its history samples. */
export class RunProgressDto implements RunProgress {
  @ApiProperty({ type: 'integer' }) published!: number;
  @ApiProperty({ type: 'integer' }) processed!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'integer' }) queued!: number;
  @ApiProperty() throttled!: boolean;
  @ApiProperty(NULLABLE_STRING) throttleReason!: string | null;
}

export class RunDto extends RunProgressDto implements Run {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty() ratePerMinute!: number;
  @ApiProperty() processor!: string;
  @ApiProperty(NULLABLE_STRING) datasetId!: string | null;
  @ApiProperty({ type: HttpTargetDto, nullable: true }) target!: HttpTargetDto | null;
  @ApiProperty({ type: 'integer', nullable: true }) rounds!: number | null;
  @ApiProperty({ type: RunNotificationDto, nullable: true }) notify!: RunNotificationDto | null;
  @ApiProperty(NULLABLE_STRING) stalledReason!: string | null;
  @ApiProperty() achievedRatePerMinute!: number;
  @ApiProperty({ type: Number, nullable: true }) etaSeconds!: number | null;
  @ApiProperty(DATE_TIME) createdAt!: string;
  @ApiProperty(NULLABLE_DATE_TIME) startedAt!: string | null;
  @ApiProperty(DATE_TIME) updatedAt!: string;
  @ApiProperty(NULLABLE_DATE_TIME) finishedAt!: string | null;
}

export class CreatedRunDto extends RunDto implements CreatedRun {
  @ApiPropertyOptional({ description: 'the signing secret of an http run, or of a run with notify, shown this once' })
  secret?: string;
}

export class RunPageDto implements RunPage {
  @ApiProperty({ type: [RunDto] }) items!: RunDto[];
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}
