import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PROCESSOR_NAMES, type ProcessorName } from '../lib/processors';
import { RUN_LIMITS } from '../lib/run';
import type { CreateRunRequest, UpdateRunRequest } from '../lib/run-requests';

const TOTAL_MESSAGE = { message: 'total must be an integer from 1 to 100,000,000' };
const RATE_MESSAGE = { message: 'ratePerMinute must be a number from 1 to 600,000' };
const DURATION_MESSAGE = { message: 'durationMinutes must be a positive number' };

/** Y, given either as a rate or as a duration over which the records are spread. */
class PaceFields {
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, RATE_MESSAGE)
  @Min(RUN_LIMITS.ratePerMinuteMin, RATE_MESSAGE)
  @Max(RUN_LIMITS.ratePerMinuteMax, RATE_MESSAGE)
  ratePerMinute?: number;

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
  @IsInt(TOTAL_MESSAGE)
  @Min(RUN_LIMITS.totalMin, TOTAL_MESSAGE)
  @Max(RUN_LIMITS.totalMax, TOTAL_MESSAGE)
  total!: number;

  @IsOptional()
  @IsIn(PROCESSOR_NAMES, { message: `processor must be one of: ${PROCESSOR_NAMES.join(', ')}` })
  processor?: ProcessorName;
}

/** Validates `UpdateRunRequest`. */
export class UpdateRunDto extends PaceFields implements UpdateRunRequest {
  @IsOptional()
  @IsInt(TOTAL_MESSAGE)
  @Min(RUN_LIMITS.totalMin, TOTAL_MESSAGE)
  @Max(RUN_LIMITS.totalMax, TOTAL_MESSAGE)
  total?: number;
}
