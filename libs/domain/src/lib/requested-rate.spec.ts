import { requestedRate } from './requested-rate';

describe('requestedRate', () => {
  it('takes a rate as given', () => {
    expect(requestedRate({ ratePerMinute: 600 }, 1_000, true)).toEqual({ ok: true, ratePerMinute: 600 });
  });

  it('spreads the records over a duration', () => {
    expect(requestedRate({ durationMinutes: 10 }, 6_000, true)).toEqual({ ok: true, ratePerMinute: 600 });
  });

  it('needs a rate or a duration on creation, and neither on an update', () => {
    expect(requestedRate({}, 10, true)).toMatchObject({ ok: false, error: expect.stringMatching(/^ratePerMinute /) });
    expect(requestedRate({}, 10, false)).toEqual({ ok: true, ratePerMinute: undefined });
  });

  it('refuses both at once', () => {
    expect(requestedRate({ ratePerMinute: 1, durationMinutes: 1 }, 10, true)).toEqual({
      ok: false,
      error: 'ratePerMinute and durationMinutes cannot both be given',
    });
  });

  it('refuses a duration whose rate is out of range, naming the field', () => {
    expect(requestedRate({ durationMinutes: 100 }, 10, true)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^durationMinutes /),
    });
    expect(requestedRate({ durationMinutes: 0.0001 }, 100_000, true)).toMatchObject({ ok: false });
  });
});
