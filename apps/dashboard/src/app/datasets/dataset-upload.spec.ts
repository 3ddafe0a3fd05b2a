import { DATASET_LIMITS } from '@app/contracts';
import { localeFormats } from '../shared/locale-formats';
import { defaultDatasetName, UPLOAD_ACCEPT, uploadContentType, uploadProgressView } from './dataset-upload';

const formats = localeFormats('en-US');

describe('uploadContentType', () => {
  it("types a file by its name's ending, whatever type the browser gave it", () => {
    expect(uploadContentType({ name: 'people.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(uploadContentType({ name: 'PEOPLE.CSV', type: '' })).toBe('text/csv');
    expect(uploadContentType({ name: 'events.ndjson', type: '' })).toBe('application/x-ndjson');
    expect(uploadContentType({ name: 'events.2026.jsonl', type: '' })).toBe('application/x-ndjson');
  });

  it("sends any other file with the browser's type (or none), for the api to refuse in its own words", () => {
    expect(uploadContentType({ name: 'notes.txt', type: 'text/plain' })).toBe('text/plain');
    expect(uploadContentType({ name: 'csv', type: '' })).toBe('application/octet-stream');
  });

  it('offers the endings it types', () => {
    expect(UPLOAD_ACCEPT).toBe('.csv,.ndjson,.jsonl');
  });
});

describe('defaultDatasetName', () => {
  it("is the file's name without its ending", () => {
    expect(defaultDatasetName('people.csv')).toBe('people');
    expect(defaultDatasetName('events.2026.jsonl')).toBe('events.2026');
    expect(defaultDatasetName('README')).toBe('README');
  });

  it('keeps a name that would be empty without its ending, and cuts one past the limit', () => {
    expect(defaultDatasetName('.csv')).toBe('.csv');
    expect(defaultDatasetName(`${'a'.repeat(300)}.csv`)).toBe('a'.repeat(DATASET_LIMITS.nameMaxLength));
  });
});

describe('uploadProgressView', () => {
  it('gives the share sent and the bytes', () => {
    expect(uploadProgressView({ loaded: 1024 ** 2, total: 4 * 1024 ** 2 }, formats)).toEqual({
      value: 1024 ** 2,
      max: 4 * 1024 ** 2,
      label: '25.0% · 1 MB of 4 MB',
    });
    expect(uploadProgressView({ loaded: 0, total: 8_704 }, formats).label).toBe('0.0% · 0 bytes of 8.5 KB');
  });

  it('says the api is storing the last records once every byte is sent', () => {
    expect(uploadProgressView({ loaded: 8_704, total: 8_704 }, formats)).toEqual({
      value: 8_704,
      max: 8_704,
      label: '8.5 KB sent: storing the last records…',
    });
  });

  it('keeps the bar in range for an empty file', () => {
    expect(uploadProgressView({ loaded: 0, total: 0 }, formats)).toMatchObject({ value: 0, max: 1 });
  });
});
