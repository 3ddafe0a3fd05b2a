import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateRunDto } from './run.dto';

/** The messages the api's whitelisting validation pipe would answer with. */
function errors(body: object): string[] {
  const dto = plainToInstance(CreateRunDto, body);
  return validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) => Object.values(e.constraints ?? {}));
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
