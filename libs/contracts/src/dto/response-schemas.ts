import type { ApiPropertyOptions } from '@nestjs/swagger';

/** Property options the response classes share: an ISO date-time, or one that may be null. */
export const DATE_TIME: ApiPropertyOptions = { type: String, format: 'date-time' };
export const NULLABLE_DATE_TIME: ApiPropertyOptions = { ...DATE_TIME, nullable: true };
export const NULLABLE_STRING: ApiPropertyOptions = { type: String, nullable: true };
