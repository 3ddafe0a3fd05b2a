import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { DeliveryStats } from '@app/contracts';
import { catchError, map, of, switchMap } from 'rxjs';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { toDeliveryView } from './delivery-view';
import { RunDetailApiService } from './run-detail-api.service';
import { totalRefreshes } from './total-refresh';

/** A read of the stats: those of `runId`, or why there are none. */
type DeliveriesRead = { readonly runId: string } & (
  { readonly stats: DeliveryStats; readonly error: null } | { readonly stats: null; readonly error: string }
);

/**
 * How an `http` run's endpoint answered: the records whose delivery ended, by the status class of their final
 * answer (and the dead letters that got none), and the latency's p50 and p95, as the api computes them from what is
 * stored. Read on open and again as the run's counters move (at most once a second, and once more when they settle),
 * so it follows a live run; a failed read keeps the last figures and says why.
 */
@Component({
  selector: 'app-deliveries-panel',
  templateUrl: './deliveries-panel.component.html',
  styleUrl: './deliveries-panel.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveriesPanelComponent {
  readonly runId = input.required<string>();
  /** The run's processed + failed count, live: the records whose delivery ended, so the stats are read again as it moves. */
  readonly ended = input.required<number>();

  private readonly api = inject(RunDetailApiService);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  /** The last stats read, kept through a failed read after them. */
  private readonly stats = signal<{ readonly runId: string; readonly stats: DeliveryStats } | null>(null);
  private readonly failure = signal<{ readonly runId: string; readonly error: string } | null>(null);

  protected readonly view = computed(() => {
    const held = this.stats();
    return held !== null && held.runId === this.runId() ? toDeliveryView(held.stats, this.formats) : null;
  });
  protected readonly error = computed(() => {
    const failure = this.failure();
    return failure !== null && failure.runId === this.runId() ? failure.error : null;
  });

  constructor() {
    const target = computed(() => ({ runId: this.runId(), ended: this.ended() }), {
      equal: (a, b) => a.runId === b.runId && a.ended === b.ended,
    });
    toObservable(target)
      .pipe(
        totalRefreshes(),
        switchMap(({ runId }) => this.read(runId)),
        takeUntilDestroyed(),
      )
      .subscribe((read) => this.show(read));
  }

  private read(runId: string) {
    return this.api.deliveries(runId).pipe(
      map((stats): DeliveriesRead => ({ runId, stats, error: null })),
      catchError((error: unknown) =>
        of<DeliveriesRead>({ runId, stats: null, error: requestErrorLine(error, 'Could not read the deliveries') }),
      ),
    );
  }

  private show(read: DeliveriesRead): void {
    this.failure.set(read.error === null ? null : { runId: read.runId, error: read.error });
    if (read.stats !== null) {
      this.stats.set({ runId: read.runId, stats: read.stats });
    }
  }
}
