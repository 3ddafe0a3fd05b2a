import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { JsonBodyGuard } from '../http/json-body';
import { AccessGuard } from './access.guard';
import { SessionController } from './session.controller';

/**
 * On every REST route, in this order: throttling per client, then tokens, then the body (the live feed checks its
 * handshake with the same token rule, in the gateway). Throttling comes first, so guessing tokens costs the same as
 * any other request; the token check comes before the body, so nothing but a 401 (or a 429) answers a client
 * without a valid token, and none of its bodies is read.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => [{ name: 'per-second', ttl: 1_000, limit: config.throttlePerSecond }],
    }),
  ],
  controllers: [SessionController],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: JsonBodyGuard },
  ],
})
export class AccessModule {}
