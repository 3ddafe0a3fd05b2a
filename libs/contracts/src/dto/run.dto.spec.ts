import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { meetsNumberRule, numberRuleMessage, RUN_NUMBER_RULES, type NumberRule } from '../lib/run-request-rules';
import { CreateRunDto } from './run.dto';

/** The messages the api's whitelisting validation pipe would answer with: a nested field's prefixed with its parent's name. */
function errors(body: object): string[] {
  const dto = plainToInstance(CreateRunDto, body);
  const messages = (error: ValidationError, parents: string): string[] => [
    ...Object.values(error.constraints ?? {}).map((message) => `${parents}${message}`),
    ...(error.children ?? []).flatMap((child) => messages(child, `${parents}${error.property}.`)),
  ];
  return validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((error) => messages(error, ''));
}

describe('CreateRunDto', () => {
  it('accepts the limits', () => {
    expect(errors({ total: 1, ratePerMinute: 1 })).toEqual([]);
    expect(errors({ total: 100_000_000, ratePerMinute: 600_000, processor: 'square' })).toEqual([]);
    expect(errors({ total: 10, ratePerMinute: 0.5 + 1 })).toEqual([]);
    expect(errors({ total: 10, durationMinutes: 0.5 })).toEqual([]);
  });

  it.each([
    [{ total: 0, ratePerMinute: 60 }, 'total'],
    [{ total: 1.5, ratePerMinute: 60 }, 'total'],
    [{ total: '10', ratePerMinute: 60 }, 'total'],
    [{ total: 100_000_001, ratePerMinute: 60 }, 'total'],
    [{ total: 10, durationMinutes: 0 }, 'durationMinutes'],
    [{ total: 10, durationMinutes: 'soon' }, 'durationMinutes'],
    [{ total: 10, ratePerMinute: 0.5 }, 'ratePerMinute'],
    [{ total: 10, ratePerMinute: 600_001 }, 'ratePerMinute'],
    [{ total: 10, ratePerMinute: 60, processor: 'cube' }, 'processor'],
    [{ total: 10, ratePerMinute: 60, color: 'red' }, 'color'],
  ])('rejects %j naming %s', (body, field) => {
    const messages = errors(body);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(new RegExp(`\\b${field}\\b`));
  });
});

describe('CreateRunDto and the rules the dashboard checks', () => {
  const target = (fields: object) => ({ target: { url: 'http://127.0.0.1/in', ...fields }, processor: 'http' });
  // Each numeric field in a body that is otherwise valid, with the name its message says.
  const fields: [keyof typeof RUN_NUMBER_RULES, string, (value: number) => object][] = [
    ['total', 'total', (total) => ({ total, ratePerMinute: 60 })],
    ['ratePerMinute', 'ratePerMinute', (ratePerMinute) => ({ total: 10, ratePerMinute })],
    ['durationMinutes', 'durationMinutes', (durationMinutes) => ({ total: 10, durationMinutes })],
    ['timeoutMs', 'target.timeoutMs', (timeoutMs) => ({ total: 10, ratePerMinute: 60, ...target({ timeoutMs }) })],
    ['concurrency', 'target.concurrency', (concurrency) => ({ total: 10, ratePerMinute: 60, ...target({ concurrency }) })],
    ['rounds', 'rounds', (rounds) => ({ total: 10, ratePerMinute: 60, processor: 'hash', rounds })],
  ];
  const around = (rule: NumberRule): number[] =>
    rule.kind === 'positive' ? [-1, 0, 1e-9, 0.5, 1e12] : [rule.min - 1, rule.min - 0.5, rule.min, rule.min + 0.5, rule.max, rule.max + 1];

  it.each(fields)('accepts %s exactly where meetsNumberRule does, saying its rule', (name, said, body) => {
    const rule: NumberRule = RUN_NUMBER_RULES[name];
    for (const value of around(rule)) {
      // Two validators of a field may both fail on one value with the same message (the dashboard shows it once).
      expect([value, [...new Set(errors(body(value)))]]).toEqual([
        value,
        meetsNumberRule(value, rule) ? [] : [numberRuleMessage(said, rule)],
      ]);
    }
  });
});
