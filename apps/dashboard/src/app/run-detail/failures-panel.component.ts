import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { FailureDocument } from '@app/contracts';
import { catchError, finalize, map, of, switchMap, throttleTime } from 'rxjs';
import { AccessService } from '../access/access.service';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { RunDetailApiService } from './run-detail-api.service';

/** Dead letters read per request. */
export const FAILURE_PAGE_SIZE = 50;
/** A run whose failed count moves has its list read again at most this often. */
const RELOAD_THROTTLE_MS = 2_000;

type Page =
  { readonly items: readonly FailureDocument[]; readonly nextCursor: string | null; readonly error: null } | { readonly error: string };

/**
 * The run's dead letters by seq (error, attempts, worker), read again when its failed count moves, and (for the
 * operator) a Replay button that publishes them all again as their next attempt, saying how many it replayed.
 */
@Component({
  selector: 'app-failures-panel',
  templateUrl: './failures-panel.component.html',
  styleUrl: './failures-panel.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FailuresPanelComponent {
  readonly runId = input.required<string>();
  /** The run's failed counter: the list is read again when it moves. */
  readonly failed = input.required<number>();

  private readonly api = inject(RunDetailApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly items = signal<readonly FailureDocument[]>([]);
  private readonly cursor = signal<string | null>(null);
  private readonly listFailure = signal<string | null>(null);
  private readonly loadingMore = signal(false);
  private readonly replaying = signal(false);
  private readonly replayOutcome = signal<{ readonly ok: boolean; readonly text: string } | null>(null);

  protected readonly canControl = inject(AccessService).canControl;
  protected readonly rows = computed(() =>
    this.items().map((item) => ({
      seq: item.seq,
      seqText: this.formats.count.format(item.seq),
      error: item.error,
      attempts: String(item.attempts),
      workerId: item.workerId,
      failedAt: this.formats.time.format(new Date(item.failedAt)),
    })),
  );
  protected readonly hasMore = computed(() => this.cursor() !== null);
  protected readonly listError = this.listFailure.asReadonly();
  protected readonly busyMore = this.loadingMore.asReadonly();
  protected readonly busyReplay = this.replaying.asReadonly();
  protected readonly outcome = this.replayOutcome.asReadonly();
  protected readonly replayLabel = computed(() => (this.replaying() ? 'Replaying…' : 'Replay failures'));

  constructor() {
    const target = computed(() => ({ runId: this.runId(), failed: this.failed() }), {
      equal: (a, b) => a.runId === b.runId && a.failed === b.failed,
    });
    toObservable(target)
      .pipe(
        throttleTime(RELOAD_THROTTLE_MS, undefined, { leading: true, trailing: true }),
        switchMap(({ runId }) => this.firstPage(runId)),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.showFirstPage(page));
  }

  protected loadMore(): void {
    const cursor = this.cursor();
    if (cursor === null || this.loadingMore()) {
      return;
    }
    this.loadingMore.set(true);
    this.api
      .failures(this.runId(), FAILURE_PAGE_SIZE, cursor)
      .pipe(
        finalize(() => this.loadingMore.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (page) => {
          this.listFailure.set(null);
          this.items.update((items) => [...items, ...page.items.filter((item) => !items.some((held) => held.seq === item.seq))]);
          this.cursor.set(page.nextCursor);
        },
        error: (error: unknown) => this.listFailure.set(requestErrorLine(error, 'Could not load the failures')),
      });
  }

  protected replay(): void {
    if (this.replaying()) {
      return;
    }
    const runId = this.runId();
    this.replaying.set(true);
    this.replayOutcome.set(null);
    this.api
      .replayFailures(runId)
      .pipe(
        finalize(() => this.replaying.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ replayed }) => {
          this.replayOutcome.set({
            ok: true,
            text:
              replayed === 0
                ? 'Nothing to replay: the run has no dead letters.'
                : `Replayed ${this.formats.count.format(replayed)} ${replayed === 1 ? 'dead letter' : 'dead letters'}: each is published again as its next attempt.`,
          });
          this.firstPage(runId)
            .pipe(takeUntilDestroyed(this.destroyRef))
            .subscribe((page) => this.showFirstPage(page));
        },
        error: (error: unknown) => this.replayOutcome.set({ ok: false, text: requestErrorLine(error, 'Could not replay the failures') }),
      });
  }

  private firstPage(runId: string) {
    return this.api.failures(runId, FAILURE_PAGE_SIZE, null).pipe(
      map((page): Page => ({ items: page.items, nextCursor: page.nextCursor, error: null })),
      catchError((error: unknown) => of<Page>({ error: requestErrorLine(error, 'Could not load the failures') })),
    );
  }

  private showFirstPage(page: Page): void {
    this.listFailure.set(page.error);
    if (page.error === null) {
      this.items.set(page.items);
      this.cursor.set(page.nextCursor);
    }
  }
}
