import type { Dataset } from './dataset';

/**
 * A dataset's metadata in the `datasets` index, `_id` = dataset id. Written last, once every record is stored,
 * so a dataset whose upload is under way or failed is never listed.
 */
export interface DatasetDocument extends Omit<Dataset, 'createdAt'> {
  /** Epoch milliseconds (the JSON's `createdAt` is ISO). */
  createdAt: number;
}

export const DATASETS_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    name: { type: 'keyword' },
    format: { type: 'keyword' },
    records: { type: 'long' },
    bytes: { type: 'long' },
    fields: { type: 'keyword' },
    createdAt: { type: 'date', format: 'epoch_millis' },
  },
} as const;

/** One record of a dataset in the `dataset-records` index, `_id` = `datasetRecordId(datasetId, seq)`. */
export interface DatasetRecordDocument {
  datasetId: string;
  seq: number;
  /** The record as uploaded: kept, never indexed (any keys, any types, no mapping explosion). */
  record: Record<string, unknown>;
}

export const DATASET_RECORDS_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    datasetId: { type: 'keyword' },
    seq: { type: 'long' },
    record: { type: 'object', enabled: false },
  },
} as const;
