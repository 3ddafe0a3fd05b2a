import { ApiProperty } from '@nestjs/swagger';
import {
  DATASET_FORMATS,
  type Dataset,
  type DatasetDetail,
  type DatasetFormat,
  type DatasetPage,
  type DatasetRecord,
} from '../lib/dataset';
import { DATE_TIME, NULLABLE_STRING } from './response-schemas';

export class DatasetDto implements Dataset {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: DATASET_FORMATS }) format!: DatasetFormat;
  @ApiProperty({ type: 'integer' }) records!: number;
  @ApiProperty({ type: 'integer' }) bytes!: number;
  @ApiProperty({ type: [String] }) fields!: string[];
  @ApiProperty(DATE_TIME) createdAt!: string;
}

export class DatasetRecordDto implements DatasetRecord {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) record!: Record<string, unknown>;
}

export class DatasetDetailDto extends DatasetDto implements DatasetDetail {
  @ApiProperty({ type: [DatasetRecordDto] }) sample!: DatasetRecordDto[];
}

export class DatasetPageDto implements DatasetPage {
  @ApiProperty({ type: [DatasetDto] }) items!: DatasetDto[];
  @ApiProperty(NULLABLE_STRING) nextCursor!: string | null;
}
