import { Controller, Get, Global, Header, Module } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { PublicRoute } from '../access/public-route';

/**
 * `GET /metrics` in Prometheus text format: process metrics plus whatever the app registers. Open to the scraper on
 * each service's own port; the public proxy in front of the api does not route it.
 */
@PublicRoute()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'Prometheus text format' })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
  ],
  exports: [Registry],
})
export class MetricsModule {}
