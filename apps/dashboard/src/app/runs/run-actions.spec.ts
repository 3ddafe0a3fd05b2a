import { canEditRun, runActions } from './run-actions';

describe('runActions', () => {
  it.each([
    ['running', ['pause', 'stop']],
    ['paused', ['resume', 'stop']],
    ['stopped', []],
    ['completed', []],
  ] as const)('offers a %s run: %p', (status, actions) => {
    expect(runActions(status)).toEqual(actions);
  });

  it('offers nothing for a status it does not know', () => {
    expect(runActions('archived' as never)).toEqual([]);
  });
});

describe('canEditRun', () => {
  it.each([
    ['running', true],
    ['paused', true],
    ['stopped', false],
    ['completed', false],
  ] as const)('lets a %s run be edited: %p', (status, editable) => {
    expect(canEditRun(status)).toBe(editable);
  });
});
