import type { RunStatus } from '@app/contracts';

/** A status transition a user can ask for: `POST /api/runs/:id/<action>`. */
export type RunAction = 'pause' | 'resume' | 'stop';

const ACTIONS_BY_STATUS: Readonly<Record<RunStatus, readonly RunAction[]>> = {
  running: ['pause', 'stop'],
  paused: ['resume', 'stop'],
  stopped: [],
  completed: [],
};

/** The transitions offered for a run in `status`, in the order they are shown; none once it has ended. */
export function runActions(status: RunStatus): readonly RunAction[] {
  return ACTIONS_BY_STATUS[status] ?? [];
}

/** Only a running or paused run can have its total or pace changed. */
export function canEditRun(status: RunStatus): boolean {
  return status === 'running' || status === 'paused';
}
