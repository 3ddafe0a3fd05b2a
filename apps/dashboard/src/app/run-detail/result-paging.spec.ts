import { localeFormats } from '../shared/locale-formats';
import {
  mergeResultPage,
  NO_RESULT_FILTERS,
  NO_RESULTS,
  parseResultFilters,
  resultQuery,
  resultsSummary,
  shouldLoadMore,
  toResultRow,
  withFreshTotal,
} from './result-paging';
import { aResult } from './run-detail.testing';

const formats = localeFormats('en-US');
const seqs = (items: readonly { seq: number }[]): number[] => items.map((item) => item.seq);

describe('mergeResultPage', () => {
  it('starts with the first page and appends the next ones', () => {
    const first = mergeResultPage(NO_RESULTS, { items: [aResult(1), aResult(2)], total: 5, nextCursor: '2' });
    expect(seqs(first.items)).toEqual([1, 2]);
    expect(first).toMatchObject({ total: 5, nextCursor: '2', complete: false });

    const second = mergeResultPage(first, { items: [aResult(3), aResult(5)], total: 5, nextCursor: null });
    expect(seqs(second.items)).toEqual([1, 2, 3, 5]);
    expect(second).toMatchObject({ total: 5, nextCursor: null, complete: true });
    expect(seqs(first.items)).toEqual([1, 2]);
  });

  it('keeps each seq once when a page overlaps what is held, in seq order', () => {
    const held = mergeResultPage(NO_RESULTS, { items: [aResult(1), aResult(2), aResult(3)], total: 6, nextCursor: '3' });
    const next = mergeResultPage(held, { items: [aResult(3, { workerId: 'again' }), aResult(4), aResult(2)], total: 6, nextCursor: '4' });
    expect(seqs(next.items)).toEqual([1, 2, 3, 4]);
    expect(next.items[2].workerId).toBe('w-1');
  });

  it('takes the latest total: results keep arriving while the run goes on', () => {
    const held = mergeResultPage(NO_RESULTS, { items: [aResult(1)], total: 10, nextCursor: '1' });
    expect(mergeResultPage(held, { items: [aResult(2)], total: 40, nextCursor: '2' }).total).toBe(40);
  });

  it('handles an empty last page', () => {
    const held = mergeResultPage(NO_RESULTS, { items: [aResult(1)], total: 1, nextCursor: '1' });
    const done = mergeResultPage(held, { items: [], total: 1, nextCursor: null });
    expect(seqs(done.items)).toEqual([1]);
    expect(done.complete).toBe(true);
  });
});

describe('withFreshTotal', () => {
  const partial = mergeResultPage(NO_RESULTS, { items: [aResult(1), aResult(2)], total: 5, nextCursor: '2' });
  const whole = mergeResultPage(NO_RESULTS, { items: [aResult(1), aResult(2)], total: 2, nextCursor: null });

  it('takes a higher count and keeps the rows held', () => {
    expect(withFreshTotal(partial, 9)).toEqual({ ...partial, total: 9 });
    expect(withFreshTotal(partial, 9).items).toBe(partial.items);
  });

  it('ignores a count no higher than the one held, and any before the first page', () => {
    expect(withFreshTotal(partial, 5)).toBe(partial);
    expect(withFreshTotal(partial, 3)).toBe(partial);
    expect(withFreshTotal(NO_RESULTS, 3)).toBe(NO_RESULTS);
  });

  it('goes on paging after the last seq held when more match than were read to the end', () => {
    const grown = withFreshTotal(whole, 4);
    expect(grown).toMatchObject({ total: 4, nextCursor: '2', complete: false });
    expect(shouldLoadMore(grown, 2, false)).toBe(true);
  });
});

describe('shouldLoadMore', () => {
  const page = mergeResultPage(NO_RESULTS, {
    items: Array.from({ length: 100 }, (_, index) => aResult(index + 1)),
    total: 500,
    nextCursor: '100',
  });

  it('loads when the rows drawn come near the end of what is held', () => {
    expect(shouldLoadMore(page, 69, false)).toBe(false);
    expect(shouldLoadMore(page, 70, false)).toBe(true);
    expect(shouldLoadMore(page, 100, false)).toBe(true);
  });

  it('does not load twice at once, past the last page, or before the first', () => {
    expect(shouldLoadMore(page, 100, true)).toBe(false);
    expect(shouldLoadMore({ ...page, nextCursor: null, complete: true }, 100, false)).toBe(false);
    expect(shouldLoadMore(NO_RESULTS, 0, false)).toBe(false);
  });
});

describe('resultQuery', () => {
  it('combines the filters, the cursor and the page size', () => {
    expect(resultQuery({ seqFrom: 10, seqTo: null, workerId: 'w-2' }, '57', 50)).toStrictEqual({
      size: 50,
      cursor: 57,
      seqFrom: 10,
      seqTo: undefined,
      workerId: 'w-2',
    });
    expect(resultQuery(NO_RESULT_FILTERS, null)).toStrictEqual({
      size: 100,
      cursor: undefined,
      seqFrom: undefined,
      seqTo: undefined,
      workerId: undefined,
    });
  });
});

describe('parseResultFilters', () => {
  it('reads empty fields as no filter', () => {
    expect(parseResultFilters({ seqFrom: '', seqTo: ' ', workerId: '' })).toEqual({ filters: NO_RESULT_FILTERS, errors: [] });
  });

  it('reads a seq range and a worker id', () => {
    expect(parseResultFilters({ seqFrom: '10', seqTo: '20', workerId: ' host-1:42 ' })).toEqual({
      filters: { seqFrom: 10, seqTo: 20, workerId: 'host-1:42' },
      errors: [],
    });
  });

  it('says what is wrong, for each field', () => {
    expect(parseResultFilters({ seqFrom: '0', seqTo: '2.5', workerId: 'no spaces' }).errors).toEqual([
      'Seq from must be a whole number from 1.',
      'Seq to must be a whole number from 1.',
      'Worker id may hold only letters, digits and . _ : - (up to 128).',
    ]);
    expect(parseResultFilters({ seqFrom: '30', seqTo: '20', workerId: '' })).toEqual({
      filters: null,
      errors: ['Seq from must not be above seq to.'],
    });
  });
});

describe('toResultRow', () => {
  it('formats a stored result', () => {
    const row = toResultRow(aResult(1234, { input: 5000, output: 25_000_000, attempt: 2 }), formats);
    expect(row).toMatchObject({
      seq: 1234,
      seqText: '1,234',
      input: '5,000',
      output: '25,000,000',
      processor: 'square',
      workerId: 'w-1',
      attempt: '2',
    });
    expect(row.processedAt).toMatch(/\d{1,2}:\d{2}:\d{2}/);
  });
});

describe('resultsSummary', () => {
  it('says nothing before the first page, then how many are shown of how many', () => {
    expect(resultsSummary(NO_RESULTS, formats)).toBe('');
    expect(resultsSummary({ ...NO_RESULTS, total: 0, complete: true }, formats)).toBe('No results match.');
    const held = mergeResultPage(NO_RESULTS, { items: [aResult(1), aResult(2)], total: 6000, nextCursor: '2' });
    expect(resultsSummary(held, formats)).toBe('Showing 2 of 6,000 results');
    expect(resultsSummary(mergeResultPage(NO_RESULTS, { items: [aResult(1)], total: 1, nextCursor: null }), formats)).toBe('1 result');
  });
});
