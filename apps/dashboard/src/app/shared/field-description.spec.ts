import { describeField } from './field-description';

describe('describeField', () => {
  it('describes the input by its hint alone while it has no messages', () => {
    expect(describeField('run-total')).toEqual({
      id: 'run-total',
      hintId: 'run-total-hint',
      errorsId: 'run-total-errors',
      messages: [],
      invalid: false,
      describedBy: 'run-total-hint',
    });
  });

  it('marks it invalid and adds its messages to its description', () => {
    const field = describeField('run-total', ['Total jobs must be an integer']);
    expect(field.invalid).toBe(true);
    expect(field.describedBy).toBe('run-total-hint run-total-errors');
  });
});
