import { type BackingService, BACKING_SERVICES, type ReadinessReport } from '@app/contracts';

const SERVICE_LABELS: Readonly<Record<BackingService, string>> = {
  redis: 'Redis',
  rabbitmq: 'RabbitMQ',
  elasticsearch: 'Elasticsearch',
};

export type HealthState = 'up' | 'down' | 'unknown';

/** One row of the system page's health table. */
export interface HealthRow {
  readonly key: BackingService;
  readonly label: string;
  readonly state: HealthState;
  readonly stateLabel: string;
  /** Why it is down, as the api said; empty otherwise. */
  readonly detail: string;
}

const STATE_LABELS: Readonly<Record<HealthState, string>> = { up: 'Up', down: 'Down', unknown: 'Unknown' };

/**
 * A row per backing service, in the contract's order: up or down as the report says, with the api's reason for a
 * down one; `unknown` for each when there is no report (the api did not answer) or the report leaves it out.
 */
export function healthRows(readiness: ReadinessReport | null): readonly HealthRow[] {
  return BACKING_SERVICES.map((key) => {
    const reported = readiness?.dependencies[key];
    // The report's parser checks its outline only: an entry of another shape reads as unknown.
    const state: HealthState = reported?.status === 'up' ? 'up' : reported?.status === 'down' ? 'down' : 'unknown';
    return {
      key,
      label: SERVICE_LABELS[key],
      state,
      stateLabel: STATE_LABELS[state],
      detail: state === 'down' ? (reported?.error ?? '') : '',
    };
  });
}
