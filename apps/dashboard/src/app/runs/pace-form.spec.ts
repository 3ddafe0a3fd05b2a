import { HttpErrorResponse } from '@angular/common/http';
import { UNREACHABLE } from '../shared/request-error';
import { createPaceForm, editedFields, type PaceFormFailureText, paceFormErrors } from './pace-form';
import type { ChangeField } from './run-change';

describe('createPaceForm', () => {
  it('holds the values it is given, as raw values of the same shape', () => {
    const values = { total: 1000, pace: 'duration', ratePerMinute: null, durationMinutes: 2.5 } as const;
    expect(createPaceForm(values).getRawValue()).toEqual(values);
  });

  it('never empties the pace mode', () => {
    const form = createPaceForm({ total: null, pace: 'duration', ratePerMinute: null, durationMinutes: null });
    form.reset();
    expect(form.getRawValue()).toEqual({ total: null, pace: 'duration', ratePerMinute: null, durationMinutes: null });
  });
});

describe('editedFields', () => {
  const watch = () => {
    const form = createPaceForm({ total: 1000, pace: 'rate', ratePerMinute: 600, durationMinutes: 10 });
    const edited: (readonly ChangeField[])[] = [];
    const subscription = editedFields(form).subscribe((names) => edited.push(names));
    return { form, edited, subscription };
  };

  it('names the field that was edited', () => {
    const { form, edited, subscription } = watch();
    form.controls.total.setValue(5000);
    form.controls.durationMinutes.setValue(null);
    form.controls.ratePerMinute.setValue(60);
    expect(edited).toEqual([['total'], ['durationMinutes'], ['ratePerMinute']]);
    subscription.unsubscribe();
  });

  it('names both pace fields when the pace mode switches', () => {
    const { form, edited, subscription } = watch();
    form.controls.pace.setValue('duration');
    expect(edited).toEqual([['ratePerMinute', 'durationMinutes']]);
    subscription.unsubscribe();
  });
});

describe('paceFormErrors', () => {
  const text: PaceFormFailureText = { rejected: 'The server rejected the run.', failure: 'Could not start the run' };
  const badRequest = (message: unknown): HttpErrorResponse =>
    new HttpErrorResponse({ status: 400, statusText: 'Bad Request', error: { statusCode: 400, message, error: 'Bad Request' } });

  it("puts a 400's messages, in the form's words, next to the total and the field of the pace mode that was sent", () => {
    const error = badRequest(['total must be an integer', 'ratePerMinute must be a number', 'property foo should not exist']);
    expect(paceFormErrors(error, 'rate', text)).toEqual({
      fields: { total: ['Total jobs must be an integer'], ratePerMinute: ['Rate (jobs per minute) must be a number'] },
      general: ['property foo should not exist'],
    });
  });

  it("sends a message about the other pace mode's field to the general line", () => {
    const error = badRequest(['ratePerMinute must be a number', 'durationMinutes must be a positive number']);
    expect(paceFormErrors(error, 'duration', text)).toEqual({
      fields: { durationMinutes: ['Duration (minutes) must be a positive number'] },
      general: ['Rate (jobs per minute) must be a number'],
    });
  });

  it('says the server rejected the request when a 400 carries no message', () => {
    expect(paceFormErrors(badRequest([]), 'rate', text)).toEqual({ fields: {}, general: ['The server rejected the run.'] });
  });

  it("gives a 409 in the server's own words", () => {
    const error = new HttpErrorResponse({
      status: 409,
      statusText: 'Conflict',
      error: { statusCode: 409, message: 'total cannot be lower than the 1234 records already published', error: 'Conflict' },
    });
    expect(paceFormErrors(error, 'rate', { rejected: '', failure: 'Could not change the run' })).toEqual({
      fields: {},
      general: ['total cannot be lower than the 1234 records already published'],
    });
  });

  it('names what failed for anything else', () => {
    const error = new HttpErrorResponse({ status: 503, statusText: 'Service Unavailable' });
    expect(paceFormErrors(error, 'rate', text).general).toEqual(['Could not start the run: the server answered 503 Service Unavailable.']);
    expect(paceFormErrors(new Error('boom'), 'rate', text).general).toEqual(['Could not start the run.']);
    expect(paceFormErrors(new HttpErrorResponse({ status: 0 }), 'rate', text).general).toEqual([UNREACHABLE]);
  });
});
