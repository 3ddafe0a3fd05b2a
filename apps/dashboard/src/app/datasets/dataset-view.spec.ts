import { localeFormats } from '../shared/locale-formats';
import { cellText, sampleTable, toDatasetRow } from './dataset-view';
import { aDataset, aDatasetDetail } from './datasets.testing';

const formats = localeFormats('en-US');

describe('toDatasetRow', () => {
  it('formats a dataset for the list', () => {
    expect(toDatasetRow(aDataset({ records: 1_234_567, bytes: 3 * 1024 ** 2, fields: ['id', 'name'] }), formats)).toEqual({
      id: 'mkq3x1c00abc',
      name: 'people',
      format: 'CSV',
      records: '1,234,567',
      size: '3 MB',
      fields: 'id, name',
      // In the machine's time zone.
      created: formats.dateTime.format(new Date('2026-11-23T10:15:00.000Z')),
    });
  });

  it('names each format', () => {
    expect(toDatasetRow(aDataset({ format: 'ndjson' }), formats).format).toBe('NDJSON');
    expect(toDatasetRow(aDataset({ format: 'index' }), formats).format).toBe('Index snapshot');
  });

  it('names the first five fields of many, and how many more there are', () => {
    const fields = Array.from({ length: 1_000 }, (_, i) => `f${i + 1}`);
    expect(toDatasetRow(aDataset({ fields }), formats).fields).toBe('f1, f2, f3, f4, f5 +995 more');
    expect(toDatasetRow(aDataset({ fields: fields.slice(0, 5) }), formats).fields).toBe('f1, f2, f3, f4, f5');
  });
});

describe('cellText', () => {
  it('shows a string as written, a missing field blank, anything else as JSON', () => {
    expect(cellText('a, "quoted" note')).toBe('a, "quoted" note');
    expect(cellText('')).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(null)).toBe('null');
    expect(cellText(42)).toBe('42');
    expect(cellText(false)).toBe('false');
    expect(cellText({ d: [1, 2] })).toBe('{"d":[1,2]}');
  });
});

describe('sampleTable', () => {
  it('has a column per field, in order, and a row per record with its seq', () => {
    expect(sampleTable(aDatasetDetail(aDataset({ fields: ['name', 'id'] }), 2), formats)).toEqual({
      columns: ['name', 'id'],
      rows: [
        { seq: 1, seqText: '1', cells: ['name 1', '1'] },
        { seq: 2, seqText: '2', cells: ['name 2', '2'] },
      ],
    });
  });

  it('leaves blank a field a record lacks, even one named like an inherited property', () => {
    const detail = {
      ...aDataset({ format: 'ndjson', fields: ['a', 'constructor', 'toString'] }),
      sample: [{ seq: 1_000, record: { a: 1 } }],
    };
    expect(sampleTable(detail, formats).rows).toEqual([{ seq: 1_000, seqText: '1,000', cells: ['1', '', ''] }]);
  });
});
