import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeliveryAnswer, DeliveryResult, JobDocument, JobOutput, ResultPage } from '../lib/job-document';
import type { JobInput } from '../lib/job-message';
import { PROCESSOR_NAMES, type ProcessorName } from '../lib/processors';
import { DATE_TIME, NULLABLE_STRING } from './response-schemas';

export class DeliveryAnswerDto implements DeliveryAnswer {
  @ApiProperty({ type: 'integer' }) status!: number;
  @ApiProperty({ type: 'integer' }) latencyMs!: number;
}

export class DeliveryResultDto extends DeliveryAnswerDto implements DeliveryResult {
  @ApiProperty({ description: "the first 2 KiB of the endpoint's answer" }) response!: string;
}

export class JobDocumentDto implements JobDocument {
  @ApiProperty() runId!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ description: "a generated record's number or a dataset's record (an object)" }) input!: JobInput;
  @ApiProperty({ nullable: true, description: "square's number, hash's hex digest, null for http" }) output!: JobOutput;
  @ApiPropertyOptional({ type: () => DeliveryResultDto }) delivery?: DeliveryResultDto;
  @ApiProperty({ enum: PROCESSOR_NAMES }) processor!: ProcessorName;
  @ApiProperty() workerId!: string;
  @ApiProperty({ type: 'integer' }) attempt!: number;
  @ApiProperty(DATE_TIME) publishedAt!: string;
  @ApiProperty(DATE_TIME) processedAt!: string;
}

export class ResultPageDto implements ResultPage {
  @ApiProperty({ type: [JobDocumentDto] }) items!: JobDocumentDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}
