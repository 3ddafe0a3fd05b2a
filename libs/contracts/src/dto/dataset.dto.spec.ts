import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateDatasetFromIndexDto, ListDatasetsQuery, UploadDatasetQuery } from './dataset.dto';

/** The messages the api's whitelisting validation pipe would answer with. */
function errors<T extends object>(type: ClassConstructor<T>, value: object): string[] {
  const dto = plainToInstance(type, value);
  return validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('UploadDatasetQuery', () => {
  it('takes a name of 1 to 200 characters', () => {
    expect(errors(UploadDatasetQuery, { name: 'a' })).toEqual([]);
    expect(errors(UploadDatasetQuery, { name: 'x'.repeat(200) })).toEqual([]);
  });

  it.each([[{}], [{ name: '' }], [{ name: 'x'.repeat(201) }], [{ name: ['a', 'b'] }]])('rejects %j naming name', (query) => {
    expect(errors(UploadDatasetQuery, query)).toContain('name must be a string of 1 to 200 characters');
  });

  it('rejects unknown fields', () => {
    expect(errors(UploadDatasetQuery, { name: 'a', format: 'csv' })).toEqual(['property format should not exist']);
  });
});

describe('CreateDatasetFromIndexDto', () => {
  it('takes an index, and optionally a query object and a name', () => {
    expect(errors(CreateDatasetFromIndexDto, { index: 'logs-*' })).toEqual([]);
    expect(errors(CreateDatasetFromIndexDto, { index: 'logs', query: { term: { level: 'error' } }, name: 'errors' })).toEqual([]);
  });

  it.each([
    [{}, 'index'],
    [{ index: '' }, 'index'],
    [{ index: 'x'.repeat(256) }, 'index'],
    [{ index: 'logs', query: 'level:error' }, 'query'],
    [{ index: 'logs', query: [{ term: {} }] }, 'query'],
    [{ index: 'logs', name: '' }, 'name'],
    [{ index: 'logs', size: 10 }, 'size'],
  ])('rejects %j naming %s', (body, field) => {
    const messages = errors(CreateDatasetFromIndexDto, body);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(new RegExp(`\\b${field}\\b`));
  });
});

describe('ListDatasetsQuery', () => {
  it('takes a limit and a dataset id as cursor', () => {
    expect(errors(ListDatasetsQuery, { limit: '10', cursor: '0m5z1k2a0abcdefg' })).toEqual([]);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ cursor: 'x:y' }, 'cursor'],
  ])('rejects %j naming %s', (query, field) => {
    const messages = errors(ListDatasetsQuery, query);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(new RegExp(`\\b${field}\\b`));
  });
});
