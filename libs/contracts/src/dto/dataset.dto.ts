import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DATASET_ID_PATTERN, DATASET_LIMITS, type CreateDatasetFromIndexRequest } from '../lib/dataset';
import type { ListDatasetsRequest } from '../lib/list-requests';
import { PageLimit } from './list.queries';

const NAME_MESSAGE = { message: `name must be a string of 1 to ${DATASET_LIMITS.nameMaxLength} characters` };
const INDEX_MESSAGE = { message: 'index must be an index name, alias or pattern of 1 to 255 characters' };

/** Query of `POST /api/datasets`: the new dataset's `name` (the body is the upload itself). */
export class UploadDatasetQuery {
  @ApiProperty({ minLength: 1, maxLength: DATASET_LIMITS.nameMaxLength })
  @IsString(NAME_MESSAGE)
  @IsNotEmpty(NAME_MESSAGE)
  @MaxLength(DATASET_LIMITS.nameMaxLength, NAME_MESSAGE)
  name!: string;
}

/** Validates `CreateDatasetFromIndexRequest`; unknown fields are rejected by the api's whitelisting pipe. */
export class CreateDatasetFromIndexDto implements CreateDatasetFromIndexRequest {
  @ApiProperty({ minLength: 1, maxLength: 255, description: 'an index, alias or pattern of this cluster, none of its own' })
  @IsString(INDEX_MESSAGE)
  @IsNotEmpty(INDEX_MESSAGE)
  @MaxLength(255, INDEX_MESSAGE)
  index!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'an Elasticsearch query; every document when absent' })
  @IsOptional()
  @IsObject({ message: 'query must be an Elasticsearch query object' })
  query?: Record<string, unknown>;

  @ApiPropertyOptional({ minLength: 1, maxLength: DATASET_LIMITS.nameMaxLength, description: "the index's by default" })
  @IsOptional()
  @IsString(NAME_MESSAGE)
  @IsNotEmpty(NAME_MESSAGE)
  @MaxLength(DATASET_LIMITS.nameMaxLength, NAME_MESSAGE)
  name?: string;
}

/** Validates `ListDatasetsRequest` (`GET /api/datasets`). */
export class ListDatasetsQuery implements ListDatasetsRequest {
  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ pattern: DATASET_ID_PATTERN.source, description: 'the nextCursor of the page before' })
  @IsOptional()
  @IsString()
  @Matches(DATASET_ID_PATTERN, { message: 'cursor must be a dataset id' })
  cursor?: string;
}
