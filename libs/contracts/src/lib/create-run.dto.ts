import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PROCESSOR_NAMES, type ProcessorName } from './processors';
import { RUN_LIMITS } from './run';

/** Body of `POST /api/runs`; the api validates it with a whitelisting pipe, so unknown fields are rejected. */
export class CreateRunDto {
  @IsInt({ message: 'total must be an integer' })
  @Min(RUN_LIMITS.totalMin, { message: 'total must be an integer from 1 to 100,000,000' })
  @Max(RUN_LIMITS.totalMax, { message: 'total must be an integer from 1 to 100,000,000' })
  total!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'ratePerMinute must be a number' })
  @Min(RUN_LIMITS.ratePerMinuteMin, { message: 'ratePerMinute must be a number from 1 to 600,000' })
  @Max(RUN_LIMITS.ratePerMinuteMax, { message: 'ratePerMinute must be a number from 1 to 600,000' })
  ratePerMinute!: number;

  @IsOptional()
  @IsIn(PROCESSOR_NAMES, { message: `processor must be one of: ${PROCESSOR_NAMES.join(', ')}` })
  processor?: ProcessorName;
}
