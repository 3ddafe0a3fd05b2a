import { RUN_STATUSES } from '@app/contracts';
import { allowsAction, canEditRun, runActions } from './run-actions';
import { newRun, pauseRun, resumeRun, stopRun } from './run-control';

describe('runActions', () => {
  it('offers pause and stop while running, resume and stop while paused, nothing once ended', () => {
    expect(runActions('running')).toEqual(['pause', 'stop']);
    expect(runActions('paused')).toEqual(['resume', 'stop']);
    expect(runActions('stopped')).toEqual([]);
    expect(runActions('completed')).toEqual([]);
  });

  it('lets edits through exactly while a run may still publish', () => {
    expect(RUN_STATUSES.filter(canEditRun)).toEqual(['running', 'paused']);
  });

  it('is the state machine the transitions enforce', () => {
    const transitions = { pause: pauseRun, resume: resumeRun, stop: stopRun } as const;
    const running = newRun({ id: 'r', total: 10, ratePerMinute: 60, processor: 'square' }, 0);
    for (const status of RUN_STATUSES) {
      for (const [action, transition] of Object.entries(transitions)) {
        const outcome = transition({ ...running, status }, 1);
        expect([status, action, outcome.ok]).toEqual([status, action, allowsAction(status, action as keyof typeof transitions)]);
      }
    }
  });
});
