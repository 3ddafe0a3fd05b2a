import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { byTestId } from '../shared/component.testing';
import { ResultsTableComponent } from './results-table.component';
import { aResult } from './run-detail.testing';

describe('ResultsTableComponent', () => {
  let fixture: ComponentFixture<ResultsTableComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const { text } = byTestId(() => fixture);

  const resultsRequest = (): TestRequest => http.expectOne((request) => request.url === '/api/runs/r-1/results');
  const rowSeqs = (): string[] =>
    Array.from(element.querySelectorAll('[data-testid="result-row"]'), (row) => row.getAttribute('data-seq') ?? '');
  const type = (testId: string, value: string): void => {
    const field = element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`) as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  const settle = async (): Promise<void> => {
    await fixture.whenStable();
    // The viewport measures itself and reports its rendered range after a render.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResultsTableComponent);
    fixture.componentRef.setInput('runId', 'r-1');
    fixture.componentRef.setInput('processed', 0);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('reads the first page, shows its rows in a virtual scroll and the total', async () => {
    const request = resultsRequest();
    expect(request.request.params.get('size')).toBe('100');
    expect(request.request.params.has('cursor')).toBe(false);
    request.flush({ items: Array.from({ length: 100 }, (_, index) => aResult(index + 1)), total: 6000, nextCursor: '100' });
    await settle();

    expect(text('results-total')).toBe('Showing 100 of 6,000 results');
    const seqs = rowSeqs();
    // Only the rows in view (and a buffer) are in the DOM.
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs.length).toBeLessThan(100);
    expect(seqs[0]).toBe('1');
    expect(element.querySelector('[data-testid="result-row"]')?.textContent).toContain('49');
    http.expectNone((request) => request.url === '/api/runs/r-1/results');
  });

  it('reads the next page when the rows drawn reach near the end of what is loaded', async () => {
    resultsRequest().flush({ items: [aResult(1), aResult(2), aResult(3)], total: 5, nextCursor: '3' });
    await settle();

    const next = resultsRequest();
    expect(next.request.params.get('cursor')).toBe('3');
    next.flush({ items: [aResult(4), aResult(5)], total: 5, nextCursor: null });
    await settle();

    expect(rowSeqs()).toEqual(['1', '2', '3', '4', '5']);
    expect(text('results-total')).toBe('5 results');
  });

  it('filters by seq range and worker, starting again from the first page', async () => {
    resultsRequest().flush({ items: [aResult(1)], total: 1, nextCursor: null });
    await settle();

    type('results-seq-from', '10');
    type('results-seq-to', '20');
    type('results-worker-id', 'w-2');
    element.querySelector('[data-testid="results-filters"]')?.dispatchEvent(new Event('submit'));
    await settle();

    const request = resultsRequest();
    expect(request.request.params.get('seqFrom')).toBe('10');
    expect(request.request.params.get('seqTo')).toBe('20');
    expect(request.request.params.get('workerId')).toBe('w-2');
    expect(request.request.params.has('cursor')).toBe(false);
    request.flush({ items: [aResult(10, { workerId: 'w-2' })], total: 1, nextCursor: null });
    await settle();
    expect(rowSeqs()).toEqual(['10']);
  });

  it('reads the total again as the processed count moves, keeping the rows, and pages on past what it had read', async () => {
    resultsRequest().flush({ items: [aResult(1), aResult(2), aResult(3)], total: 3, nextCursor: null });
    await settle();
    expect(text('results-total')).toBe('3 results');

    fixture.componentRef.setInput('processed', 5);
    await settle();
    const count = resultsRequest();
    expect(count.request.params.get('size')).toBe('1');
    expect(count.request.params.has('cursor')).toBe(false);
    count.flush({ items: [aResult(1)], total: 5, nextCursor: '1' });
    await settle();
    expect(text('results-total')).toBe('Showing 3 of 5 results');
    expect(rowSeqs()).toEqual(['1', '2', '3']);

    const next = resultsRequest();
    expect(next.request.params.get('cursor')).toBe('3');
    next.flush({ items: [aResult(4), aResult(5)], total: 5, nextCursor: null });
    await settle();
    expect(rowSeqs()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('reads the first page again once results are stored where none matched', async () => {
    resultsRequest().flush({ items: [], total: 0, nextCursor: null });
    await settle();
    fixture.componentRef.setInput('processed', 2);
    await settle();
    resultsRequest().flush({ items: [aResult(1)], total: 2, nextCursor: '1' });
    await settle();

    const first = resultsRequest();
    expect(first.request.params.get('size')).toBe('100');
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ items: [aResult(1), aResult(2)], total: 2, nextCursor: null });
    await settle();
    expect(rowSeqs()).toEqual(['1', '2']);
  });

  it('says what is wrong with a filter without asking the server', async () => {
    resultsRequest().flush({ items: [], total: 0, nextCursor: null });
    await settle();
    expect(text('results-total')).toBe('No results match.');

    type('results-seq-from', '30');
    type('results-seq-to', '20');
    element.querySelector('[data-testid="results-filters"]')?.dispatchEvent(new Event('submit'));
    await settle();
    http.expectNone((request) => request.url === '/api/runs/r-1/results');
    expect(element.querySelector('app-error-list')?.textContent).toContain('Seq from must not be above seq to.');
  });

  it('shows a failed read', async () => {
    resultsRequest().flush(
      { statusCode: 404, message: 'Cannot GET /api/runs/r-1/results', error: 'Not Found' },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    expect(text('results-error')).toBe('Cannot GET /api/runs/r-1/results');
  });
});
