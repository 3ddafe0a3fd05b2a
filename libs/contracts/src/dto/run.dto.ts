// class-transformer's @Type reads decorator metadata while the class is defined.
import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DATASET_ID_PATTERN } from '../lib/dataset';
import { DEFAULT_PROCESSOR, HTTP_METHODS, PROCESSOR_LIMITS, PROCESSOR_NAMES, type HttpMethod, type ProcessorName } from '../lib/processors';
import { RUN_LIMITS } from '../lib/run';
import {
  DESTINATION_URL_MAX_LENGTH,
  DESTINATION_URL_PATTERN,
  destinationUrlMessage,
  numberRuleMessage,
  RUN_NUMBER_RULES,
} from '../lib/run-request-rules';
import { HASH_ROUNDS_DEFAULT, type CreateRunRequest, type HttpTargetRequest, type UpdateRunRequest } from '../lib/run-requests';

// The messages of the rules the dashboard checks too (`run-request-rules.ts`); the bounds below are those rules'.
const R = RUN_NUMBER_RULES;
const TOTAL_MESSAGE = { message: numberRuleMessage('total', R.total) };
const RATE_MESSAGE = { message: numberRuleMessage('ratePerMinute', R.ratePerMinute) };
const DURATION_MESSAGE = { message: numberRuleMessage('durationMinutes', R.durationMinutes) };
const L = PROCESSOR_LIMITS;
// Nested messages are prefixed with their parent's name by the validation pipe: `url …` reads `target.url …`.
const URL_MESSAGE = { message: destinationUrlMessage('url') };
const TIMEOUT_MESSAGE = { message: numberRuleMessage('timeoutMs', R.timeoutMs) };
const CONCURRENCY_MESSAGE = { message: numberRuleMessage('concurrency', R.concurrency) };
const ROUNDS_MESSAGE = { message: numberRuleMessage('rounds', R.rounds) };
const SECRET_MESSAGE = { message: 'secret must be whsec_ followed by the base64 of 24 to 64 bytes' };

/** `target` of an `http` run; the allowlist and the headers are checked by the api (`resolveHttpTarget`). */
export class HttpTargetRequestDto implements HttpTargetRequest {
  @ApiProperty({ maxLength: DESTINATION_URL_MAX_LENGTH, description: 'must match HTTP_TARGET_ALLOWLIST; redirects are not followed' })
  @IsString(URL_MESSAGE)
  @MaxLength(DESTINATION_URL_MAX_LENGTH, URL_MESSAGE)
  @Matches(DESTINATION_URL_PATTERN, URL_MESSAGE)
  url!: string;

  @ApiPropertyOptional({ enum: HTTP_METHODS, default: 'POST' })
  @IsOptional()
  @IsIn(HTTP_METHODS, { message: `method must be one of: ${HTTP_METHODS.join(', ')}` })
  method?: HttpMethod;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'extra request headers' })
  @IsOptional()
  @IsObject({ message: 'headers must be an object of header names to string values' })
  headers?: Record<string, string>;

  @ApiPropertyOptional({ type: 'integer', minimum: L.timeoutMsMin, maximum: L.timeoutMsMax, default: L.timeoutMsDefault })
  @IsOptional()
  @IsInt(TIMEOUT_MESSAGE)
  @Min(R.timeoutMs.min, TIMEOUT_MESSAGE)
  @Max(R.timeoutMs.max, TIMEOUT_MESSAGE)
  timeoutMs?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: L.concurrencyMin,
    maximum: L.concurrencyMax,
    default: L.concurrencyDefault,
    description: 'requests in flight per worker',
  })
  @IsOptional()
  @IsInt(CONCURRENCY_MESSAGE)
  @Min(R.concurrency.min, CONCURRENCY_MESSAGE)
  @Max(R.concurrency.max, CONCURRENCY_MESSAGE)
  concurrency?: number;

  @ApiPropertyOptional({ description: 'the signing secret; generated when absent' })
  @IsOptional()
  @IsString(SECRET_MESSAGE)
  @Matches(/^whsec_(?:[A-Za-z0-9+/]{4}){8,22}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, SECRET_MESSAGE)
  secret?: string;
}

/** `notify` of a run: where its final JSON is POSTed once. */
export class NotifyRequestDto {
  @ApiProperty({ maxLength: DESTINATION_URL_MAX_LENGTH, description: 'must match HTTP_TARGET_ALLOWLIST' })
  @IsString(URL_MESSAGE)
  @MaxLength(DESTINATION_URL_MAX_LENGTH, URL_MESSAGE)
  @Matches(DESTINATION_URL_PATTERN, URL_MESSAGE)
  url!: string;
}

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
  @Min(R.ratePerMinute.min, RATE_MESSAGE)
  @Max(R.ratePerMinute.max, RATE_MESSAGE)
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
 * the rules between fields (one of rate and duration, a total unless over a dataset, a target for and only for
 * `http`) are checked by the service.
 */
export class CreateRunDto extends PaceFields implements CreateRunRequest {
  @ApiPropertyOptional({ ...TOTAL_SCHEMA, description: 'X: records to process; over a dataset, its record count by default' })
  @IsOptional()
  @IsInt(TOTAL_MESSAGE)
  @Min(R.total.min, TOTAL_MESSAGE)
  @Max(R.total.max, TOTAL_MESSAGE)
  total?: number;

  @ApiPropertyOptional({ enum: PROCESSOR_NAMES, default: DEFAULT_PROCESSOR })
  @IsOptional()
  @IsIn(PROCESSOR_NAMES, { message: `processor must be one of: ${PROCESSOR_NAMES.join(', ')}` })
  processor?: ProcessorName;

  @ApiPropertyOptional({ pattern: DATASET_ID_PATTERN.source, description: 'process the records of this dataset' })
  @IsOptional()
  @IsString({ message: 'datasetId must be a dataset id' })
  @Matches(DATASET_ID_PATTERN, { message: 'datasetId must be a dataset id' })
  datasetId?: string;

  @ApiPropertyOptional({ type: HttpTargetRequestDto, description: 'where an http run delivers (required for http)' })
  @IsOptional()
  @IsObject({ message: 'target must be an object' })
  @ValidateNested()
  @Type(() => HttpTargetRequestDto)
  target?: HttpTargetRequestDto;

  @ApiPropertyOptional({ type: 'integer', minimum: L.roundsMin, maximum: L.roundsMax, default: HASH_ROUNDS_DEFAULT })
  @IsOptional()
  @IsInt(ROUNDS_MESSAGE)
  @Min(R.rounds.min, ROUNDS_MESSAGE)
  @Max(R.rounds.max, ROUNDS_MESSAGE)
  rounds?: number;

  @ApiPropertyOptional({ type: NotifyRequestDto, description: 'POST the final run JSON here once it ends' })
  @IsOptional()
  @IsObject({ message: 'notify must be an object with a url' })
  @ValidateNested()
  @Type(() => NotifyRequestDto)
  notify?: NotifyRequestDto;
}

/** Validates `UpdateRunRequest`. */
export class UpdateRunDto extends PaceFields implements UpdateRunRequest {
  @ApiPropertyOptional(TOTAL_SCHEMA)
  @IsOptional()
  @IsInt(TOTAL_MESSAGE)
  @Min(R.total.min, TOTAL_MESSAGE)
  @Max(R.total.max, TOTAL_MESSAGE)
  total?: number;
}
