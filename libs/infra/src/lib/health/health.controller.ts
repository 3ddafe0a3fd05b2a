import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { ReadinessReport } from '@app/contracts';
import { ReadinessReportDto } from '@app/contracts/dto';
import { PublicRoute } from '../access/public-route';
import { ReadinessService } from './readiness.service';

@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process serves requests. */
  @Get()
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { enum: ['ok'] } }, required: ['status'] } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every backing service this process uses answers; 503 with the same report otherwise. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessReportDto })
  @ApiServiceUnavailableResponse({ type: ReadinessReportDto, description: 'a backing service does not answer' })
  async ready(): Promise<ReadinessReport> {
    const readiness = await this.readiness.check();
    if (readiness.status !== 'ok') throw new ServiceUnavailableException(readiness);
    return readiness;
  }
}
