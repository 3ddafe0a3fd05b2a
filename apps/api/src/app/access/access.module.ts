import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { SessionController } from './session.controller';

/** Tokens on every REST route (the live feed checks its handshake with the same rule, in the gateway). */
@Module({
  controllers: [SessionController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class AccessModule {}
