import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module';
import { LiveGateway } from './live.gateway';

@Module({
  imports: [RunsModule],
  providers: [LiveGateway],
})
export class LiveModule {}
