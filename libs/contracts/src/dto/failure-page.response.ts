import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FailureDocument, FailurePage, ReplayResult } from '../lib/failure-document';
import type { JobInput } from '../lib/job-message';
import { PROCESSOR_NAMES, type ProcessorName } from '../lib/processors';
import { DATE_TIME, NULLABLE_STRING } from './response-schemas';
import { DeliveryAnswerDto } from './result-page.response';

export class FailureDocumentDto implements FailureDocument {
  @ApiProperty() runId!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ description: "a generated record's number or a dataset's record (an object)" }) input!: JobInput;
  @ApiProperty({ enum: PROCESSOR_NAMES }) processor!: ProcessorName;
  @ApiProperty() error!: string;
  @ApiPropertyOptional({ type: () => DeliveryAnswerDto, description: "an http job's last answer; absent when there was none" })
  delivery?: DeliveryAnswerDto;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty() workerId!: string;
  @ApiProperty(DATE_TIME) publishedAt!: string;
  @ApiProperty(DATE_TIME) failedAt!: string;
}

export class FailurePageDto implements FailurePage {
  @ApiProperty({ type: [FailureDocumentDto] }) items!: FailureDocumentDto[];
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}

export class ReplayResultDto implements ReplayResult {
  @ApiProperty({ type: 'integer' }) replayed!: number;
}
