import { mapMessagesToFields, type ServerFieldErrors, validationMessages, withoutFieldErrors } from './server-field-errors';

describe('validationMessages', () => {
  it('reads the message list of a Nest 400 body', () => {
    const body = { statusCode: 400, message: ['total must be an integer', 'ratePerMinute must be a number'], error: 'Bad Request' };
    expect(validationMessages(body)).toEqual(['total must be an integer', 'ratePerMinute must be a number']);
  });

  it('accepts a single message string', () => {
    expect(validationMessages({ statusCode: 400, message: 'Invalid JSON' })).toEqual(['Invalid JSON']);
  });

  it.each([null, undefined, 'Bad Request', 42, {}, { message: 7 }])('finds no messages in %p', (body) => {
    expect(validationMessages(body)).toEqual([]);
  });

  it('drops entries that are not strings', () => {
    expect(validationMessages({ message: ['total must be an integer', 3, null] })).toEqual(['total must be an integer']);
  });
});

describe('mapMessagesToFields', () => {
  const fields = ['total', 'ratePerMinute'] as const;
  /** No labels: the messages keep the api's names. */
  const unlabelled = { total: 'total', ratePerMinute: 'ratePerMinute' } as const;

  it('puts each message under the field it starts with', () => {
    const errors = mapMessagesToFields(
      ['total must be an integer from 1 to 100,000,000', 'ratePerMinute must be a number from 1 to 600,000', 'total must be an integer'],
      fields,
      unlabelled,
    );
    expect(errors.fields).toEqual({
      total: ['total must be an integer from 1 to 100,000,000', 'total must be an integer'],
      ratePerMinute: ['ratePerMinute must be a number from 1 to 600,000'],
    });
    expect(errors.general).toEqual([]);
  });

  it('sends messages naming no field of the form to the general line', () => {
    const errors = mapMessagesToFields(
      ['property foo should not exist', 'processor must be one of: square', 'totally unrelated'],
      fields,
      unlabelled,
    );
    expect(errors.fields).toEqual({});
    expect(errors.general).toEqual(['property foo should not exist', 'processor must be one of: square', 'totally unrelated']);
  });

  it('matches whole field names only, not prefixes of longer words', () => {
    expect(mapMessagesToFields(['totalCount must be set', 'ratePerMinuteX is odd'], fields, unlabelled).fields).toEqual({});
  });

  it('takes a message about one part of a field (the name, then a colon) as about that field', () => {
    const errors = mapMessagesToFields(['target.headers: Host is set by the platform'], ['target.headers'], {
      'target.headers': 'Headers',
    });
    expect(errors.fields).toEqual({ 'target.headers': ['Headers: Host is set by the platform'] });
  });

  it("says the form's label of each field it knows in place of the api's name, on the general line too", () => {
    const labels = { total: 'Total jobs', ratePerMinute: 'Rate (jobs per minute)', durationMinutes: 'Duration (minutes)' };
    const errors = mapMessagesToFields(
      ['ratePerMinute must be a number from 1 to 600,000', 'durationMinutes must be positive', 'total', 'totalCount must be set'],
      fields,
      labels,
    );
    expect(errors.fields).toEqual({ ratePerMinute: ['Rate (jobs per minute) must be a number from 1 to 600,000'], total: ['Total jobs'] });
    expect(errors.general).toEqual(['Duration (minutes) must be positive', 'totalCount must be set']);
  });

  it('drops blank and duplicate messages', () => {
    const errors = mapMessagesToFields(['total must be an integer', ' total must be an integer ', '', '  '], fields, unlabelled);
    expect(errors.fields).toEqual({ total: ['total must be an integer'] });
    expect(errors.general).toEqual([]);
  });
});

describe('withoutFieldErrors', () => {
  const errors: ServerFieldErrors<'total' | 'ratePerMinute' | 'durationMinutes'> = {
    fields: { total: ['total must be an integer'], ratePerMinute: ['ratePerMinute must be a number'] },
    general: ['property foo should not exist'],
  };

  it("drops the named fields' messages and keeps the others", () => {
    expect(withoutFieldErrors(errors, ['ratePerMinute', 'durationMinutes'])).toEqual({
      fields: { total: ['total must be an integer'] },
      general: ['property foo should not exist'],
    });
    expect(errors.fields.ratePerMinute).toEqual(['ratePerMinute must be a number']);
  });

  it('gives back the same object when the named fields have no messages', () => {
    expect(withoutFieldErrors(errors, ['durationMinutes'])).toBe(errors);
  });
});
