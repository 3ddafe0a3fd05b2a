// class-transformer's @Type reads decorator metadata while the class is defined.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Query of `GET /api/runs`: newest first, `limit` per page, continuing after `cursor`. */
export class ListRunsQuery {
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
