// class-transformer's @Type reads decorator metadata while the class is defined.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { RUN_STATUSES, type RunStatus } from './run';

/** Query of `GET /api/runs`: newest first, `limit` per page, continuing after `cursor`, optionally of one `status`. */
export class ListRunsQuery {
  @IsOptional()
  @IsIn(RUN_STATUSES, { message: `status must be one of: ${RUN_STATUSES.join(', ')}` })
  status?: RunStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 100' })
  @Min(1, { message: 'limit must be an integer from 1 to 100' })
  @Max(100, { message: 'limit must be an integer from 1 to 100' })
  limit?: number;

  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-z]{1,64}$/, { message: 'cursor must be a run id' })
  cursor?: string;
}
