import { BadRequestException } from '@nestjs/common';

/** A 400 in the shape of the validation pipe's (`message` is a list naming the field), for rules a DTO cannot express. */
export const badRequest = (message: string): BadRequestException =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message] });
