import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PROCESSOR_NAMES, type ProcessorName } from './processors';
import { RUN_LIMITS } from './run';

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
 * Body of `POST /api/runs`: `total` and either `ratePerMinute` or `durationMinutes` (the rate is then
 * total / duration). The api validates it with a whitelisting pipe, so unknown fields are rejected;
 * that exactly one of rate and duration is given is checked by the service.
 */
export class CreateRunDto extends PaceFields {
  @IsInt(TOTAL_MESSAGE)
  @Min(RUN_LIMITS.totalMin, TOTAL_MESSAGE)
  @Max(RUN_LIMITS.totalMax, TOTAL_MESSAGE)
  total!: number;

  @IsOptional()
  @IsIn(PROCESSOR_NAMES, { message: `processor must be one of: ${PROCESSOR_NAMES.join(', ')}` })
  processor?: ProcessorName;
}

/**
 * Body of `PATCH /api/runs/:id`: a new `total` (X) and/or a new rate (Y), given as `ratePerMinute` or as
 * `durationMinutes` (how long the records not yet published should take from now).
 */
export class UpdateRunDto extends PaceFields {
  @IsOptional()
  @IsInt(TOTAL_MESSAGE)
  @Min(RUN_LIMITS.totalMin, TOTAL_MESSAGE)
  @Max(RUN_LIMITS.totalMax, TOTAL_MESSAGE)
  total?: number;
}
