import { Logger, type LogLevel } from '@nestjs/common';
import { isRunId } from '@app/contracts';
import { LogLine, type LogFields } from '@app/infra';
import type { AnswerObserver } from './answers';
import { routePattern, type RoutedRequest } from './route-pattern';

/** Probes a load balancer, an orchestrator or Prometheus makes every few seconds: logged at `debug`, not to flood. */
const PROBE_ROUTES: ReadonlySet<string> = new Set(['/api/health', '/api/health/ready', '/metrics']);

/** What the access log reads of a request: never its headers, so never its token. */
export interface AccessLogRequest extends RoutedRequest {
  method: string;
  /** The path without its query. */
  path: string;
  /** The client's address, through `TRUST_PROXY`'s proxies. */
  ip?: string;
  params?: Record<string, unknown>;
}

export interface AccessEntry {
  level: LogLevel;
  line: LogLine;
}

/**
 * One request's line: method, route pattern (or the path, for a request no route took), status, duration and client,
 * plus the run's id on a run's routes. `aborted` is true when the client went away before the answer was sent.
 */
export function accessEntry(request: AccessLogRequest, status: number, durationMs: number, aborted = false): AccessEntry {
  const route = routePattern(request);
  const id = request.params?.['id'];
  const runId = route?.startsWith('/api/run') && typeof id === 'string' && isRunId(id) ? id : null;
  const client = request.ip ?? 'unknown';
  const ms = Math.round(durationMs * 10) / 10;
  const fields: LogFields = {
    method: request.method,
    ...(route === null ? { path: request.path } : { route }),
    status,
    durationMs: ms,
    client,
    ...(aborted ? { aborted } : {}),
    ...(runId === null ? {} : { runId }),
  };
  const message = `${request.method} ${route ?? request.path} ${aborted ? 'aborted' : status} in ${ms} ms from ${client}`;
  return {
    level: route !== null && PROBE_ROUTES.has(route) ? 'debug' : 'log',
    line: new LogLine(message, fields, runId === null ? message : `${message} (run ${runId})`),
  };
}

/** Logs a line per request once it is over (`Access` context); see `observeAnswers` for whatever answered it. */
export const logAccess =
  (logger = new Logger('Access')): AnswerObserver<AccessLogRequest> =>
  (request, status, durationMs, aborted) => {
    const { level, line } = accessEntry(request, status, durationMs, aborted);
    if (level === 'debug') logger.debug(line);
    else logger.log(line);
  };
