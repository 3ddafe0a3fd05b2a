import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Nest's body of an error answer (an `HttpException`'s): 401, 403, 404, 409, 413, 415, 429, 503. */
export class ErrorDto {
  @ApiProperty({ type: 'integer' }) statusCode!: number;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: "the status's name" }) error?: string;
}

/**
 * A 400: from the validation pipe (and every check shaped like it), `message` lists each bad or unknown field; a
 * body that is not a JSON object gets one message.
 */
export class BadRequestDto {
  @ApiProperty({ enum: [400] }) statusCode!: 400;
  @ApiProperty({ oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] }) message!: string[] | string;
  @ApiProperty({ enum: ['Bad Request'] }) error!: 'Bad Request';
}
