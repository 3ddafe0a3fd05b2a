import { Controller, Get, Inject, Req } from '@nestjs/common';
import type { Session } from '@app/contracts';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { bearerToken, roleOf } from './access-tokens';

@Controller('session')
export class SessionController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** The role of the caller's token, so the dashboard shows a viewer no controls (the guard has let it through). */
  @Get()
  get(@Req() request: { headers: { authorization?: string } }): Session {
    return { role: roleOf(bearerToken(request.headers.authorization), this.config.tokens) ?? 'viewer' };
  }
}
