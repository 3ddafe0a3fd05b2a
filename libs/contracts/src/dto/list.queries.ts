// class-transformer's @Type reads decorator metadata while the class is defined.
import 'reflect-metadata';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { ListResultsRequest, ListRunsRequest, SeqPageRequest } from '../lib/list-requests';
import { RUN_ID_PATTERN, RUN_STATUSES, type RunStatus } from '../lib/run';
import { WORKER_ID_PATTERN } from '../lib/worker-status';

const LIMIT_MESSAGE = { message: 'limit must be an integer from 1 to 100' };

/** `limit` of a newest-first listing (runs, datasets): optional, an integer from 1 to 100. */
export const PageLimit = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100 }),
    IsOptional(),
    Type(() => Number),
    IsInt(LIMIT_MESSAGE),
    Min(1, LIMIT_MESSAGE),
    Max(100, LIMIT_MESSAGE),
  );

/** Validates `ListRunsRequest` (`GET /api/runs`). */
export class ListRunsQuery implements ListRunsRequest {
  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES, { message: `status must be one of: ${RUN_STATUSES.join(', ')}` })
  status?: RunStatus;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ pattern: RUN_ID_PATTERN.source, description: 'the nextCursor of the page before' })
  @IsOptional()
  @IsString()
  @Matches(RUN_ID_PATTERN, { message: 'cursor must be a run id' })
  cursor?: string;
}

/**
 * Validates `SeqPageRequest` (`GET /api/runs/:id/failures`); the base of every other by-seq listing (class-validator
 * applies a base class's rules to its subclasses).
 */
export class SeqPageQuery implements SeqPageRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'size must be an integer from 1 to 1,000' })
  @Min(1, { message: 'size must be an integer from 1 to 1,000' })
  @Max(1_000, { message: 'size must be an integer from 1 to 1,000' })
  size?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'the last seq of the page before (its nextCursor)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'cursor must be a seq' })
  @Min(1, { message: 'cursor must be a seq' })
  cursor?: number;
}

/** Validates `ListResultsRequest` (`GET /api/runs/:id/results`). */
export class ListResultsQuery extends SeqPageQuery implements ListResultsRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'seqFrom must be a positive integer' })
  @Min(1, { message: 'seqFrom must be a positive integer' })
  seqFrom?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'seqTo must be a positive integer' })
  @Min(1, { message: 'seqTo must be a positive integer' })
  seqTo?: number;

  @ApiPropertyOptional({ pattern: WORKER_ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(WORKER_ID_PATTERN, { message: 'workerId must be a worker id' })
  workerId?: string;
}
