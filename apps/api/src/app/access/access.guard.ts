import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '@app/infra';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { bearerToken, mayRequest, roleOf } from './access-tokens';

/** What the guard reads of a request and writes on its answer (Express's, behind Nest's adapter). */
interface GuardedRequest {
  method: string;
  headers: { authorization?: string };
}
interface GuardedResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Every REST route needs a token (`Authorization: Bearer <token>`) unless marked `@PublicRoute()`: 401 without a
 * valid one (with `WWW-Authenticate: Bearer`, RFC 6750), 403 for a change asked with the read-only token.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const role = roleOf(bearerToken(request.headers.authorization), this.config.tokens);
    if (role === null) {
      http.getResponse<GuardedResponse>().setHeader('WWW-Authenticate', 'Bearer realm="rate-runner"');
      throw new UnauthorizedException('a valid token is required: Authorization: Bearer <token>');
    }
    if (!mayRequest(role, request.method)) throw new ForbiddenException('the read-only token cannot change anything');
    return true;
  }
}
