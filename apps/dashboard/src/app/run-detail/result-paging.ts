import {
  WORKER_ID_PATTERN,
  type JobDocument,
  type JobInput,
  type JobOutput,
  type ListResultsRequest,
  type ResultPage,
} from '@app/contracts';
import type { LocaleFormats } from '../shared/locale-formats';

/** Results read per request: a few screens of rows, one Elasticsearch page. */
export const RESULT_PAGE_SIZE = 100;
/** The next page is read once the last row drawn is this close to the end of what is loaded. */
export const LOAD_AHEAD_ROWS = 30;

/** The results table's filters: a seq range (either end open) and one worker. */
export interface ResultFilters {
  readonly seqFrom: number | null;
  readonly seqTo: number | null;
  readonly workerId: string | null;
}

export const NO_RESULT_FILTERS: ResultFilters = { seqFrom: null, seqTo: null, workerId: null };

/** The query of `GET /api/runs/:id/results` for the filters, after `cursor` (the page before's `nextCursor`, a seq). */
export function resultQuery(filters: ResultFilters, cursor: string | null, size = RESULT_PAGE_SIZE): ListResultsRequest {
  return {
    size,
    cursor: cursor === null ? undefined : Number(cursor),
    seqFrom: filters.seqFrom ?? undefined,
    seqTo: filters.seqTo ?? undefined,
    workerId: filters.workerId ?? undefined,
  };
}

/** The results read so far for one set of filters. */
export interface ResultsState {
  /** By seq, ascending, each seq once. */
  readonly items: readonly JobDocument[];
  /** How many results match the filters, as the last page said; null before the first page. */
  readonly total: number | null;
  /** Where the next page starts; null when the last page was read (or none yet: see `complete`). */
  readonly nextCursor: string | null;
  /** True once the server said there is no next page. */
  readonly complete: boolean;
}

export const NO_RESULTS: ResultsState = { items: [], total: null, nextCursor: null, complete: false };

/**
 * Appends a page to what is held. Pages come by seq, so usually it is a plain append; a page overlapping
 * what is held (read again after a retry) adds only the seqs not held yet, and the rows stay ordered by seq.
 */
export function mergeResultPage(state: ResultsState, page: ResultPage): ResultsState {
  const last = state.items.at(-1)?.seq ?? 0;
  let items: readonly JobDocument[];
  if (page.items.every((item, index) => item.seq > (index === 0 ? last : page.items[index - 1].seq))) {
    items = state.items.length === 0 ? page.items : [...state.items, ...page.items];
  } else {
    const bySeq = new Map<number, JobDocument>();
    for (const item of [...state.items, ...page.items]) {
      if (!bySeq.has(item.seq)) {
        bySeq.set(item.seq, item);
      }
    }
    items = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  return { items, total: page.total, nextCursor: page.nextCursor, complete: page.nextCursor === null };
}

/**
 * The state with its total read again while results are still being stored; the rows held stay as they are.
 * Results are only ever added, so an older, lower count is ignored (the same state back). Once more match than
 * were read to the end, paging goes on after the last seq held. Before the first page there is nothing to update.
 */
export function withFreshTotal(state: ResultsState, total: number): ResultsState {
  if (state.total === null || total <= state.total) {
    return state;
  }
  const last = state.items.at(-1);
  return state.complete && last !== undefined && total > state.items.length
    ? { ...state, total, nextCursor: String(last.seq), complete: false }
    : { ...state, total };
}

/** Whether to read the next page now: there is one, none is in flight, and the rows drawn reach near the end. */
export function shouldLoadMore(state: ResultsState, renderedEnd: number, loading: boolean, ahead = LOAD_AHEAD_ROWS): boolean {
  return !loading && !state.complete && state.nextCursor !== null && renderedEnd >= state.items.length - ahead;
}

/** What the filter fields hold, as typed. */
export interface ResultFilterInput {
  readonly seqFrom: string;
  readonly seqTo: string;
  readonly workerId: string;
}

function seqField(text: string, name: string): number | null | string {
  const trimmed = text.trim();
  if (trimmed === '') {
    return null;
  }
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= 1 ? value : `${name} must be a whole number from 1.`;
}

/** The filters the fields stand for, or the messages saying what is wrong with them (nothing is sent then). */
export function parseResultFilters(input: ResultFilterInput): { filters: ResultFilters; errors: [] } | { filters: null; errors: string[] } {
  const seqFrom = seqField(input.seqFrom, 'Seq from');
  const seqTo = seqField(input.seqTo, 'Seq to');
  const workerId = input.workerId.trim();
  const errors: string[] = [];
  for (const value of [seqFrom, seqTo]) {
    if (typeof value === 'string') {
      errors.push(value);
    }
  }
  if (typeof seqFrom === 'number' && typeof seqTo === 'number' && seqFrom > seqTo) {
    errors.push('Seq from must not be above seq to.');
  }
  if (workerId !== '' && !WORKER_ID_PATTERN.test(workerId)) {
    errors.push('Worker id may hold only letters, digits and . _ : - (up to 128).');
  }
  if (errors.length > 0 || typeof seqFrom === 'string' || typeof seqTo === 'string') {
    return { filters: null, errors };
  }
  return { filters: { seqFrom, seqTo, workerId: workerId === '' ? null : workerId }, errors: [] };
}

/** A row of the results table, formatted. */
export interface ResultRow {
  readonly seq: number;
  readonly seqText: string;
  readonly input: string;
  readonly output: string;
  readonly processor: string;
  readonly workerId: string;
  readonly attempt: string;
  readonly processedAt: string;
}

/** Characters of a record or digest a table cell shows; the rest is elided. */
const VALUE_CHARS_SHOWN = 80;

/** A number as a count; a digest, or a dataset's record as compact JSON, cut to what a cell holds. */
export function formatValue(value: JobInput | JobOutput, formats: Pick<LocaleFormats, 'count'>): string {
  if (value === null) return '—';
  if (typeof value === 'number') return formats.count.format(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > VALUE_CHARS_SHOWN ? `${text.slice(0, VALUE_CHARS_SHOWN - 1)}…` : text;
}

export function toResultRow(doc: JobDocument, formats: Pick<LocaleFormats, 'count' | 'time'>): ResultRow {
  const processedAt = new Date(doc.processedAt);
  return {
    seq: doc.seq,
    seqText: formats.count.format(doc.seq),
    input: formatValue(doc.input, formats),
    output: doc.delivery
      ? `HTTP ${doc.delivery.status} in ${formats.count.format(doc.delivery.latencyMs)} ms`
      : formatValue(doc.output, formats),
    processor: doc.processor,
    workerId: doc.workerId,
    attempt: String(doc.attempt),
    processedAt: Number.isNaN(processedAt.getTime()) ? '—' : formats.time.format(processedAt),
  };
}

/** "Showing 200 of 6,000 results", "No results", or nothing before the first page. */
export function resultsSummary(state: ResultsState, formats: Pick<LocaleFormats, 'count'>): string {
  if (state.total === null) {
    return '';
  }
  if (state.total === 0) {
    return 'No results match.';
  }
  const total = formats.count.format(state.total);
  const noun = state.total === 1 ? 'result' : 'results';
  return state.items.length >= state.total ? `${total} ${noun}` : `Showing ${formats.count.format(state.items.length)} of ${total} ${noun}`;
}
