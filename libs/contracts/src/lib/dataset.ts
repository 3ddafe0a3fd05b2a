/**
 * A dataset: the user's own records, uploaded once (`POST /api/datasets`, CSV or NDJSON) or snapshotted from an
 * Elasticsearch index (`POST /api/datasets/from-index`), numbered `seq` 1..N and immutable once created.
 */
export const DATASET_FORMATS = ['csv', 'ndjson', 'index'] as const;
/** `csv` and `ndjson` are uploads; `index` is a snapshot of an index's documents. */
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** The upload's `Content-Type` for each uploaded format (parameters such as `charset` aside). */
export const DATASET_CONTENT_TYPES = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' } as const satisfies Record<
  string,
  DatasetFormat
>;

/** Limits of SPEC.md ("Datasets") and the bounds that keep an upload's memory flat whatever its size. */
export const DATASET_LIMITS = {
  /** Records in one dataset; past it an upload is a 413 and nothing of it is kept. */
  maxRecords: 10_000_000,
  /** Bytes of one upload's body (2 GiB); past it a 413 and nothing is kept. */
  maxBytes: 2 * 1024 ** 3,
  /** Bytes of one record (a CSV row or an NDJSON line): a longer one is a 400 naming its line. */
  maxRecordBytes: 1024 ** 2,
  /** Distinct fields of a dataset (CSV columns, NDJSON top-level keys): more is a 400 naming the line. */
  maxFields: 1_000,
  nameMaxLength: 200,
  /** Records `GET /api/datasets/:id` shows, the first by seq. */
  sampleSize: 20,
} as const;

/**
 * A dataset id, in the scheme of run ids: 9 base-36 digits of its creation time (epoch ms), so ids sort by
 * creation, then a random base-36 suffix. `:id` of every dataset route is checked against it.
 */
export const DATASET_ID_PATTERN = /^[0-9a-z]{9}[0-9a-z]{1,55}$/;
export const isDatasetId = (value: string): boolean => DATASET_ID_PATTERN.test(value);

/** `_id` of a dataset's record in the records index: `datasetId:seq`. */
export const datasetRecordId = (datasetId: string, seq: number): string => `${datasetId}:${seq}`;

/** A dataset as the REST api shows it (SPEC.md, "A dataset as JSON"). */
export interface Dataset {
  id: string;
  name: string;
  format: DatasetFormat;
  records: number;
  /** Bytes of the upload's body; for a snapshot, of its records as JSON. */
  bytes: number;
  /** The CSV header in order, or the top-level keys seen in the records, sorted. */
  fields: string[];
  createdAt: string;
}

/** One record of a dataset and its number. */
export interface DatasetRecord {
  seq: number;
  record: Record<string, unknown>;
}

/** `GET /api/datasets/:id`: the dataset and its first records by seq. */
export interface DatasetDetail extends Dataset {
  sample: DatasetRecord[];
}

/** `GET /api/datasets`: newest first. */
export interface DatasetPage {
  items: Dataset[];
  nextCursor: string | null;
}

/** Body of `POST /api/datasets/from-index`; validated against `CreateDatasetFromIndexDto`. */
export interface CreateDatasetFromIndexRequest {
  /** An index, alias or pattern of this cluster, none of them this installation's own. */
  index: string;
  /** An Elasticsearch query (the `query` of a search); every document when absent. */
  query?: Record<string, unknown>;
  /** The dataset's name; the index's by default. */
  name?: string;
}
