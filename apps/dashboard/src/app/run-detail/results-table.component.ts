import { CdkFixedSizeVirtualScroll, CdkVirtualForOf, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { catchError, map, of, skip, type Subscription, switchMap } from 'rxjs';
import { ErrorListComponent } from '../shared/error-list.component';
import { requestErrorLine } from '../shared/request-error';
import { localeFormats } from '../shared/locale-formats';
import {
  mergeResultPage,
  NO_RESULT_FILTERS,
  NO_RESULTS,
  parseResultFilters,
  RESULT_PAGE_SIZE,
  type ResultFilters,
  resultQuery,
  resultsSummary,
  type ResultRow,
  type ResultsState,
  shouldLoadMore,
  toResultRow,
  withFreshTotal,
} from './result-paging';
import { RunDetailApiService } from './run-detail-api.service';
import { totalRefreshes } from './total-refresh';

/** The rows' fixed height in pixels: the virtual scroll places rows by it (and the CSS draws them at it). */
export const RESULT_ROW_PX = 32;

/** A read of the total alone: the filters it counted, and the count or why there is none. */
type TotalRead = { readonly runId: string; readonly filters: ResultFilters } & (
  { readonly total: number; readonly error: null } | { readonly total: null; readonly error: string }
);

/**
 * The run's stored results, by seq: only the rows in view are in the DOM (the CDK's virtual scroll, fixed
 * row height), and the next page is read as the user scrolls near the end of what is loaded. Filters: a
 * seq range and a worker id; the total is the server's count of what matches, read again (alone, the rows
 * stay) as the run's processed count moves: it follows the results stored while the run goes on.
 */
@Component({
  selector: 'app-results-table',
  imports: [ReactiveFormsModule, CdkVirtualScrollViewport, CdkFixedSizeVirtualScroll, CdkVirtualForOf, ErrorListComponent],
  templateUrl: './results-table.component.html',
  styleUrl: './results-table.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultsTableComponent {
  readonly runId = input.required<string>();
  /** The run's processed count, live: the total is read again as it moves. */
  readonly processed = input.required<number>();

  private readonly api = inject(RunDetailApiService);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly filters = signal<ResultFilters>(NO_RESULT_FILTERS);
  private readonly state = signal<ResultsState>(NO_RESULTS);
  private readonly loading = signal(false);
  private readonly failure = signal<string | null>(null);
  private readonly totalFailure = signal<string | null>(null);
  private readonly filterErrors = signal<readonly string[]>([]);
  private inFlight: Subscription | null = null;

  protected readonly rowPx = RESULT_ROW_PX;
  protected readonly trackBySeq = (_index: number, row: ResultRow): number => row.seq;
  protected readonly form = new FormGroup({
    seqFrom: new FormControl('', { nonNullable: true }),
    seqTo: new FormControl('', { nonNullable: true }),
    workerId: new FormControl('', { nonNullable: true }),
  });
  protected readonly rows = computed(() => this.state().items.map((item) => toResultRow(item, this.formats)));
  protected readonly summary = computed(() => resultsSummary(this.state(), this.formats));
  protected readonly busy = this.loading.asReadonly();
  protected readonly error = computed(() => this.failure() ?? this.totalFailure());
  protected readonly formErrors = this.filterErrors.asReadonly();
  protected readonly empty = computed(() => this.state().total === 0);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.inFlight?.unsubscribe());
    // A new run or new filters: start again from the first page.
    effect(() => {
      const runId = this.runId();
      const filters = this.filters();
      untracked(() => this.restart(runId, filters));
    });
    // Read ahead as the rows drawn come near the end of what is loaded (also when a short page leaves the view unfilled).
    effect((onCleanup) => {
      const viewport = this.viewport();
      if (viewport === undefined) {
        return;
      }
      const subscription = viewport.renderedRangeStream.subscribe((range) => this.loadMoreIfNear(range.end));
      onCleanup(() => subscription.unsubscribe());
    });
    // The first page brings the count of its moment; later changes of the processed count read it again.
    toObservable(this.processed)
      .pipe(
        skip(1),
        totalRefreshes(),
        switchMap(() => this.readTotal(this.runId(), this.filters())),
        takeUntilDestroyed(),
      )
      .subscribe((read) => this.showTotal(read));
  }

  protected applyFilters(): void {
    const parsed = parseResultFilters(this.form.getRawValue());
    this.filterErrors.set(parsed.errors);
    if (parsed.filters !== null) {
      this.filters.set(parsed.filters);
    }
  }

  protected clearFilters(): void {
    this.form.reset();
    this.filterErrors.set([]);
    this.filters.set(NO_RESULT_FILTERS);
  }

  /** Reads the results again from the first page (more may have been stored since). */
  protected reload(): void {
    this.restart(this.runId(), this.filters());
  }

  private restart(runId: string, filters: ResultFilters): void {
    this.inFlight?.unsubscribe();
    this.inFlight = null;
    this.loading.set(false);
    this.state.set(NO_RESULTS);
    this.totalFailure.set(null);
    const viewport = this.viewport();
    if (viewport !== undefined && viewport.measureScrollOffset() > 0) {
      viewport.scrollToIndex(0);
    }
    this.load(runId, filters, null);
  }

  private loadMoreIfDrawnNearEnd(): void {
    const viewport = this.viewport();
    if (viewport !== undefined) {
      this.loadMoreIfNear(viewport.getRenderedRange().end);
    }
  }

  private loadMoreIfNear(renderedEnd: number): void {
    const state = this.state();
    if (shouldLoadMore(state, renderedEnd, this.loading())) {
      this.load(this.runId(), this.filters(), state.nextCursor);
    }
  }

  private readTotal(runId: string, filters: ResultFilters) {
    return this.api.results(runId, resultQuery(filters, null, 1)).pipe(
      map((page): TotalRead => ({ runId, filters, total: page.total, error: null })),
      catchError((error: unknown) =>
        of<TotalRead>({ runId, filters, total: null, error: requestErrorLine(error, 'Could not count the results') }),
      ),
    );
  }

  /** A count of other filters (changed while it was read) is dropped; nothing shown yet: read the first page. */
  private showTotal(read: TotalRead): void {
    if (read.runId !== this.runId() || read.filters !== this.filters()) {
      return;
    }
    this.totalFailure.set(read.error);
    if (read.total === null) {
      return;
    }
    const state = this.state();
    if (state.items.length === 0 && state.complete && read.total > 0) {
      this.restart(read.runId, read.filters);
      return;
    }
    this.state.set(withFreshTotal(state, read.total));
    this.loadMoreIfDrawnNearEnd();
  }

  private load(runId: string, filters: ResultFilters, cursor: string | null): void {
    this.loading.set(true);
    this.failure.set(null);
    this.inFlight = this.api.results(runId, resultQuery(filters, cursor, RESULT_PAGE_SIZE)).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.state.update((state) => mergeResultPage(state, page));
        // The rows drawn may already reach the new end (a short page): read on.
        this.loadMoreIfDrawnNearEnd();
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.failure.set(requestErrorLine(error, 'Could not load the results'));
      },
    });
  }
}
