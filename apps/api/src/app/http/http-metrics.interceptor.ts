import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { finalize, tap, type Observable } from 'rxjs';
import { METRIC_NAMES } from '@app/contracts';
import { routePattern, type RoutedRequest } from './route-pattern';

/** What the histogram reads of a request and its answer. */
interface TimedRequest extends RoutedRequest {
  method: string;
}
interface TimedResponse {
  statusCode: number;
}

/**
 * Times every REST request into a histogram by method, route pattern (`/api/runs/:id`, never the id itself, so
 * the series stay few) and status. Requests refused before a route (a bad body, a missing token) are not timed.
 */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  private readonly seconds: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: Registry) {
    this.seconds = new Histogram({
      name: METRIC_NAMES.apiHttpRequestSeconds,
      help: 'REST request duration by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<TimedRequest>();
    const stop = this.seconds.startTimer({ method: request.method, route: routePattern(request) ?? '' });
    let failedWith: number | null = null;
    return next.handle().pipe(
      // An exception is answered after this pipe ends, so its status comes from the exception, not the response.
      tap({ error: (error: unknown) => (failedWith = error instanceof HttpException ? error.getStatus() : 500) }),
      finalize(() => stop({ status: String(failedWith ?? http.getResponse<TimedResponse>().statusCode) })),
    );
  }
}
