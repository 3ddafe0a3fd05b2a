import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { AccessGuard } from './access.guard';
import { SessionController } from './session.controller';

/**
 * Throttling per client, then tokens, on every REST route (the live feed checks its handshake with the same token
 * rule, in the gateway). Throttling comes first, so guessing tokens costs the same as any other request.
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
  ],
})
export class AccessModule {}
