import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PROCESSOR_NAMES, type ProcessorName } from './processors';
import { RUN_LIMITS } from './run';

const TOTAL_MESSAGE = { message: 'total must be an integer from 1 to 100,000,000' };
const RATE_MESSAGE = { message: 'ratePerMinute must be a number from 1 to 600,000' };

/** Body of `POST /api/runs`; the api validates it with a whitelisting pipe, so unknown fields are rejected. */
export class CreateRunDto {
  @IsInt(TOTAL_MESSAGE)
  @Min(RUN_LIMITS.totalMin, TOTAL_MESSAGE)
  @Max(RUN_LIMITS.totalMax, TOTAL_MESSAGE)
  total!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }, RATE_MESSAGE)
  @Min(RUN_LIMITS.ratePerMinuteMin, RATE_MESSAGE)
  @Max(RUN_LIMITS.ratePerMinuteMax, RATE_MESSAGE)
  ratePerMinute!: number;

  @IsOptional()
  @IsIn(PROCESSOR_NAMES, { message: `processor must be one of: ${PROCESSOR_NAMES.join(', ')}` })
  processor?: ProcessorName;
}
