/** The backing services a process may depend on, as `/health/ready` names them. */
export const BACKING_SERVICES = ['redis', 'rabbitmq', 'elasticsearch'] as const;
export type BackingService = (typeof BACKING_SERVICES)[number];

export type DependencyState = 'up' | 'down';

export interface DependencyReport {
  status: DependencyState;
  /** Why it is down. */
  error?: string;
}

/**
 * Body of `GET /health/ready` (`/api/health/ready` on the api): 200 when every backing service the process uses
 * answers, 503 with the same body when one does not. A service lists only the dependencies it has.
 */
export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  dependencies: Partial<Record<BackingService, DependencyReport>>;
}

/** Whether a body (a 200's, or a 503's, which a proxy may have replaced) is a readiness report. */
export function isReadinessReport(body: unknown): body is ReadinessReport {
  if (typeof body !== 'object' || body === null) return false;
  const { status, dependencies } = body as { status?: unknown; dependencies?: unknown };
  return (status === 'ok' || status === 'unavailable') && typeof dependencies === 'object' && dependencies !== null;
}
