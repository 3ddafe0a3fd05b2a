import { Histogram, type Registry } from 'prom-client';
import { METRIC_NAMES } from '@app/contracts';
import type { AnswerObserver } from './answers';
import { routePattern, type RoutedRequest } from './route-pattern';

/** What the histogram reads of a request. */
export interface TimedRequest extends RoutedRequest {
  method: string;
}

/**
 * Times every answered REST request into a histogram by method, route pattern (`/api/runs/:id`, never the id itself,
 * so the series stay few) and status, refusals included: a 401, 403 or 429 of a guard, or a bad body's 4xx, under the
 * route it was refused on. A request no route took (a 404, the dashboard's files) is left to the access log, as is
 * one whose client went away before its answer.
 */
export function timeRoutes(registry: Registry): AnswerObserver<TimedRequest> {
  const seconds = new Histogram({
    name: METRIC_NAMES.apiHttpRequestSeconds,
    help: 'REST request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return (request, status, durationMs, aborted) => {
    const route = routePattern(request);
    if (route === null || aborted) return;
    seconds.observe({ method: request.method, route, status: String(status) }, durationMs / 1000);
  };
}
