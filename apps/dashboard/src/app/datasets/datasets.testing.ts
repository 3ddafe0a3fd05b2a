import type { Dataset, DatasetDetail } from '@app/contracts';

/** An uploaded CSV dataset with plausible values; tests override what they look at. */
export function aDataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: 'mkq3x1c00abc',
    name: 'people',
    format: 'csv',
    records: 300,
    bytes: 8_704,
    fields: ['id', 'name'],
    createdAt: '2026-11-23T10:15:00.000Z',
    ...overrides,
  };
}

/** `dataset` with a sample of its first `count` records, `{ id: '<seq>', name: 'name <seq>' }`. */
export function aDatasetDetail(dataset: Dataset = aDataset(), count = 2): DatasetDetail {
  return {
    ...dataset,
    sample: Array.from({ length: count }, (_, i) => ({ seq: i + 1, record: { id: String(i + 1), name: `name ${i + 1}` } })),
  };
}
