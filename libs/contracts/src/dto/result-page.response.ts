import { ApiProperty } from '@nestjs/swagger';
import type { JobDocument, ResultPage } from '../lib/job-document';
import { PROCESSOR_NAMES, type ProcessorName } from '../lib/processors';
import { DATE_TIME, NULLABLE_STRING } from './response-schemas';

export class JobDocumentDto implements JobDocument {
  @ApiProperty() runId!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ type: 'integer' }) input!: number;
  @ApiProperty() output!: number;
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
