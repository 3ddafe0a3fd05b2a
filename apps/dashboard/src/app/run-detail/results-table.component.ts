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
import type { Subscription } from 'rxjs';
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
} from './result-paging';
import { RunDetailApiService } from './run-detail-api.service';

/** The rows' fixed height in pixels: the virtual scroll places rows by it (and the CSS draws them at it). */
export const RESULT_ROW_PX = 32;

/**
 * The run's stored results, by seq: only the rows in view are in the DOM (the CDK's virtual scroll, fixed
 * row height), and the next page is read as the user scrolls near the end of what is loaded. Filters: a
 * seq range and a worker id; the total is the server's count of what matches.
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

  private readonly api = inject(RunDetailApiService);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly filters = signal<ResultFilters>(NO_RESULT_FILTERS);
  private readonly state = signal<ResultsState>(NO_RESULTS);
  private readonly loading = signal(false);
  private readonly failure = signal<string | null>(null);
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
  protected readonly error = this.failure.asReadonly();
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
    const viewport = this.viewport();
    if (viewport !== undefined && viewport.measureScrollOffset() > 0) {
      viewport.scrollToIndex(0);
    }
    this.load(runId, filters, null);
  }

  private loadMoreIfNear(renderedEnd: number): void {
    const state = this.state();
    if (shouldLoadMore(state, renderedEnd, this.loading())) {
      this.load(this.runId(), this.filters(), state.nextCursor);
    }
  }

  private load(runId: string, filters: ResultFilters, cursor: string | null): void {
    this.loading.set(true);
    this.failure.set(null);
    this.inFlight = this.api.results(runId, resultQuery(filters, cursor, RESULT_PAGE_SIZE)).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.state.update((state) => mergeResultPage(state, page));
        // The rows drawn may already reach the new end (a short page): read on.
        const viewport = this.viewport();
        if (viewport !== undefined) {
          this.loadMoreIfNear(viewport.getRenderedRange().end);
        }
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.failure.set(requestErrorLine(error, 'Could not load the results'));
      },
    });
  }
}
