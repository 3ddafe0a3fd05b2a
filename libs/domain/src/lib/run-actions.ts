import type { RunAction, RunStatus } from '@app/contracts';

const ACTIONS_BY_STATUS: Readonly<Record<RunStatus, readonly RunAction[]>> = {
  running: ['pause', 'stop'],
  paused: ['resume', 'stop'],
  stopped: [],
  completed: [],
};

/**
 * The control actions a run in `status` accepts, in the order the dashboard shows them: the state machine that
 * `run-control.ts` enforces (any other is a 409) and the dashboard offers. None once the run has ended.
 */
export function runActions(status: RunStatus): readonly RunAction[] {
  return ACTIONS_BY_STATUS[status] ?? [];
}

export const allowsAction = (status: RunStatus, action: RunAction): boolean => runActions(status).includes(action);

/** Only a running or paused run can have its total (X) or rate (Y) changed. */
export const canEditRun = (status: RunStatus): boolean => status === 'running' || status === 'paused';
