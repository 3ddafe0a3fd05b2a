import { destinationUrlMessage, meetsDestinationUrlRule, meetsNumberRule, numberRuleMessage, RUN_NUMBER_RULES } from './run-request-rules';

const R = RUN_NUMBER_RULES;

describe('numberRuleMessage', () => {
  it('names the field, the kind of number and the bounds, in English digits', () => {
    expect(numberRuleMessage('total', R.total)).toBe('total must be an integer from 1 to 100,000,000');
    expect(numberRuleMessage('ratePerMinute', R.ratePerMinute)).toBe('ratePerMinute must be a number from 1 to 600,000');
    expect(numberRuleMessage('durationMinutes', R.durationMinutes)).toBe('durationMinutes must be a positive number');
    expect(numberRuleMessage('target.timeoutMs', R.timeoutMs)).toBe('target.timeoutMs must be an integer from 100 to 120,000');
  });
});

describe('meetsNumberRule', () => {
  it('takes the bounds themselves and refuses past them', () => {
    expect([0, 1, 100_000_000, 100_000_001].map((value) => meetsNumberRule(value, R.total))).toEqual([false, true, true, false]);
    expect([99, 100, 120_000, 120_001].map((value) => meetsNumberRule(value, R.timeoutMs))).toEqual([false, true, true, false]);
  });

  it('asks an integer of an integer field only', () => {
    expect(meetsNumberRule(1.5, R.total)).toBe(false);
    expect(meetsNumberRule(1.5, R.ratePerMinute)).toBe(true);
  });

  it('takes any positive number for a positive field, and no NaN or infinity anywhere', () => {
    expect([0, 0.001, 1e9].map((value) => meetsNumberRule(value, R.durationMinutes))).toEqual([false, true, true]);
    expect(meetsNumberRule(Number.NaN, R.ratePerMinute)).toBe(false);
    expect(meetsNumberRule(Number.POSITIVE_INFINITY, R.durationMinutes)).toBe(false);
  });
});

describe('destination URLs', () => {
  it('takes an absolute http or https URL of at most 2,048 characters', () => {
    expect(meetsDestinationUrlRule('http://127.0.0.1:5640/in')).toBe(true);
    expect(meetsDestinationUrlRule('HTTPS://example.com')).toBe(true);
    expect(meetsDestinationUrlRule('ftp://example.com')).toBe(false);
    expect(meetsDestinationUrlRule('/relative')).toBe(false);
    expect(meetsDestinationUrlRule('http://a b')).toBe(false);
    expect(meetsDestinationUrlRule(`http://x/${'a'.repeat(2_039)}`)).toBe(true);
    expect(meetsDestinationUrlRule(`http://x/${'a'.repeat(2_040)}`)).toBe(false);
    expect(destinationUrlMessage('notify.url')).toBe('notify.url must be an absolute http or https URL of at most 2,048 characters');
  });
});
