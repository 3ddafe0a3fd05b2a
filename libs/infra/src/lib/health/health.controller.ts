import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import type { ReadinessReport } from '@app/contracts';
import { PublicRoute } from '../access/public-route';
import { ReadinessService } from './readiness.service';

@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process serves requests. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every backing service this process uses answers; 503 with the same report otherwise. */
  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const readiness = await this.readiness.check();
    if (readiness.status !== 'ok') throw new ServiceUnavailableException(readiness);
    return readiness;
  }
}
