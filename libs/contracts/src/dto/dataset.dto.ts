// class-transformer's @Type reads decorator metadata while the class is defined.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DATASET_ID_PATTERN, DATASET_LIMITS, type CreateDatasetFromIndexRequest } from '../lib/dataset';

const NAME_MESSAGE = { message: `name must be a string of 1 to ${DATASET_LIMITS.nameMaxLength} characters` };
const INDEX_MESSAGE = { message: 'index must be an index name, alias or pattern of 1 to 255 characters' };

/** Query of `POST /api/datasets`: the new dataset's `name` (the body is the upload itself). */
export class UploadDatasetQuery {
  @IsString(NAME_MESSAGE)
  @IsNotEmpty(NAME_MESSAGE)
  @MaxLength(DATASET_LIMITS.nameMaxLength, NAME_MESSAGE)
  name!: string;
}

/** Validates `CreateDatasetFromIndexRequest`; unknown fields are rejected by the api's whitelisting pipe. */
export class CreateDatasetFromIndexDto implements CreateDatasetFromIndexRequest {
  @IsString(INDEX_MESSAGE)
  @IsNotEmpty(INDEX_MESSAGE)
  @MaxLength(255, INDEX_MESSAGE)
  index!: string;

  @IsOptional()
  @IsObject({ message: 'query must be an Elasticsearch query object' })
  query?: Record<string, unknown>;

  @IsOptional()
  @IsString(NAME_MESSAGE)
  @IsNotEmpty(NAME_MESSAGE)
  @MaxLength(DATASET_LIMITS.nameMaxLength, NAME_MESSAGE)
  name?: string;
}

/** Query of `GET /api/datasets`: newest first, `limit` per page, continuing after `cursor`. */
export class ListDatasetsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 100' })
  @Min(1, { message: 'limit must be an integer from 1 to 100' })
  @Max(100, { message: 'limit must be an integer from 1 to 100' })
  limit?: number;

  @IsOptional()
  @IsString()
  @Matches(DATASET_ID_PATTERN, { message: 'cursor must be a dataset id' })
  cursor?: string;
}
