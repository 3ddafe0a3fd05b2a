import type { Dataset, DatasetDetail, DatasetFormat } from '@app/contracts';
import { formatBytes } from '../shared/format-bytes';
import type { LocaleFormats } from '../shared/locale-formats';

const FORMAT_LABELS: Readonly<Record<DatasetFormat, string>> = { csv: 'CSV', ndjson: 'NDJSON', index: 'Index snapshot' };
/** Fields a row of the list names; a snapshot of an index may have up to 1,000. */
const LISTED_FIELDS = 5;

/** Everything a row of the datasets list (and the head of a dataset's view) shows, already formatted. */
export interface DatasetRow {
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly records: string;
  readonly size: string;
  /** The first few field names, and how many more there are. */
  readonly fields: string;
  readonly created: string;
}

export function toDatasetRow(dataset: Dataset, formats: LocaleFormats): DatasetRow {
  const more = dataset.fields.length - LISTED_FIELDS;
  const listed = dataset.fields.slice(0, LISTED_FIELDS).join(', ');
  return {
    id: dataset.id,
    name: dataset.name,
    format: FORMAT_LABELS[dataset.format],
    records: formats.count.format(dataset.records),
    size: formatBytes(dataset.bytes, formats),
    fields: more > 0 ? `${listed} +${formats.count.format(more)} more` : listed,
    created: formats.dateTime.format(new Date(dataset.createdAt)),
  };
}

/** A record's value as a cell shows it: a string as written, a missing field blank, anything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The sample of a dataset as a table: a column per field, in the dataset's order, a row per record. */
export interface SampleTable {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly seq: number; readonly seqText: string; readonly cells: readonly string[] }[];
}

export function sampleTable(detail: DatasetDetail, formats: Pick<LocaleFormats, 'count'>): SampleTable {
  return {
    columns: detail.fields,
    rows: detail.sample.map(({ seq, record }) => ({
      seq,
      seqText: formats.count.format(seq),
      // Own keys only: a field named `constructor` or `toString` is not the object's inherited function.
      cells: detail.fields.map((field) => cellText(Object.hasOwn(record, field) ? record[field] : undefined)),
    })),
  };
}
