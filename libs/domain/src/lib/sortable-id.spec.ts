import { DATASET_ID_PATTERN, RUN_ID_PATTERN } from '@app/contracts';
import { formatSortableId } from './sortable-id';

describe('formatSortableId', () => {
  it('sorts by creation time', () => {
    const ids = [formatSortableId(1_000, 'zzzz'), formatSortableId(999_999_999_999, 'aaaa'), formatSortableId(1_800_000_000_000, '0000')];
    expect([...ids].sort()).toEqual(ids);
  });

  it('is a run id and a dataset id', () => {
    const id = formatSortableId(Date.parse('2026-01-01T00:00:00Z'), '0a1b2c3');
    expect(id).toMatch(RUN_ID_PATTERN);
    expect(id).toMatch(DATASET_ID_PATTERN);
  });
});
