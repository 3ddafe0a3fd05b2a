import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_PROCESSOR, PROCESSOR_NAMES, type ProcessorName } from '../lib/processors';
import { RUN_LIMITS } from '../lib/run';
import type { CreateRunRequest, UpdateRunRequest } from '../lib/run-requests';

const TOTAL_MESSAGE = { message: 'total must be an integer from 1 to 100,000,000' };
const RATE_MESSAGE = { message: 'ratePerMinute must be a number from 1 to 600,000' };
const DURATION_MESSAGE = { message: 'durationMinutes must be a positive number' };

/** The OpenAPI schema of `total` (X), in the limits the validators check. */
const TOTAL_SCHEMA: ApiPropertyOptions = {
  type: 'integer',
  minimum: RUN_LIMITS.totalMin,
  maximum: RUN_LIMITS.totalMax,
  description: 'X: records to process',
};

/** Y, given either as a rate or as a duration over which the records are spread. */
class PaceFields {
  @ApiPropertyOptional({
    minimum: RUN_LIMITS.ratePerMinuteMin,
    maximum: RUN_LIMITS.ratePerMinuteMax,
    description: 'Y: records per minute (or give durationMinutes)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, RATE_MESSAGE)
  @Min(RUN_LIMITS.ratePerMinuteMin, RATE_MESSAGE)
  @Max(RUN_LIMITS.ratePerMinuteMax, RATE_MESSAGE)
  ratePerMinute?: number;

  @ApiPropertyOptional({
    minimum: 0,
    exclusiveMinimum: true,
    description: 'Y as the minutes over which the records not yet published are spread',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, DURATION_MESSAGE)
  @Min(Number.MIN_VALUE, DURATION_MESSAGE)
  durationMinutes?: number;
}

/**
 * Validates `CreateRunRequest`. The api applies it with a whitelisting pipe, so unknown fields are rejected;
 * that exactly one of rate and duration is given is checked by the service.
 */
export class CreateRunDto extends PaceFields implements CreateRunRequest {
  @ApiProperty(TOTAL_SCHEMA)
  @IsInt(TOTAL_MESSAGE)
  @Min(RUN_LIMITS.totalMin, TOTAL_MESSAGE)
  @Max(RUN_LIMITS.totalMax, TOTAL_MESSAGE)
  total!: number;

  @ApiPropertyOptional({ enum: PROCESSOR_NAMES, default: DEFAULT_PROCESSOR })
  @IsOptional()
  @IsIn(PROCESSOR_NAMES, { message: `processor must be one of: ${PROCESSOR_NAMES.join(', ')}` })
  processor?: ProcessorName;
}

/** Validates `UpdateRunRequest`. */
export class UpdateRunDto extends PaceFields implements UpdateRunRequest {
  @ApiPropertyOptional(TOTAL_SCHEMA)
  @IsOptional()
  @IsInt(TOTAL_MESSAGE)
  @Min(RUN_LIMITS.totalMin, TOTAL_MESSAGE)
  @Max(RUN_LIMITS.totalMax, TOTAL_MESSAGE)
  total?: number;
}
