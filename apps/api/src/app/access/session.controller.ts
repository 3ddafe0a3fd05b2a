import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Session } from '@app/contracts';
import { SessionDto } from '@app/contracts/dto';
import { ApiGuarded } from '../openapi/api-responses';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { bearerToken, roleOf } from './access-tokens';

@ApiGuarded()
@Controller('session')
export class SessionController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** The role of the caller's token, so the dashboard shows a viewer no controls (the guard has let it through). */
  @Get()
  @ApiOkResponse({ type: SessionDto })
  get(@Req() request: { headers: { authorization?: string } }): Session {
    return { role: roleOf(bearerToken(request.headers.authorization), this.config.tokens) ?? 'viewer' };
  }
}
