/**
 * `GET /api/health/ready`: 200 with this body when every backing service answers, 503 with the same body
 * when one does not (the api's ReadinessService; not in @app/contracts, so its shape is read defensively).
 */
export interface Readiness {
  readonly status: 'ok' | 'unavailable';
  readonly dependencies: Readonly<Record<string, { readonly status: 'up' | 'down'; readonly error?: string }>>;
}

/** The backing services the api checks, in the order the page shows them. */
export const DEPENDENCIES = [
  { key: 'redis', label: 'Redis' },
  { key: 'rabbitmq', label: 'RabbitMQ' },
  { key: 'elasticsearch', label: 'Elasticsearch' },
] as const;

export type HealthState = 'up' | 'down' | 'unknown';

/** One row of the system page's health table. */
export interface HealthRow {
  readonly key: string;
  readonly label: string;
  readonly state: HealthState;
  readonly stateLabel: string;
  /** Why it is down, as the api said; empty otherwise. */
  readonly detail: string;
}

const STATE_LABELS: Readonly<Record<HealthState, string>> = { up: 'Up', down: 'Down', unknown: 'Unknown' };

/** Whether a body (a 200's, or a 503's) is a readiness report. */
export function isReadiness(body: unknown): body is Readiness {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const { status, dependencies } = body as { status?: unknown; dependencies?: unknown };
  return (status === 'ok' || status === 'unavailable') && typeof dependencies === 'object' && dependencies !== null;
}

/**
 * A row per backing service: up or down as the report says, with the api's reason for a down one;
 * `unknown` for each when there is no report (the api did not answer) or the report leaves it out.
 */
export function healthRows(readiness: Readiness | null): readonly HealthRow[] {
  return DEPENDENCIES.map(({ key, label }) => {
    const reported = readiness?.dependencies[key];
    const state: HealthState = reported?.status === 'up' ? 'up' : reported?.status === 'down' ? 'down' : 'unknown';
    return { key, label, state, stateLabel: STATE_LABELS[state], detail: state === 'down' ? (reported?.error ?? '') : '' };
  });
}
