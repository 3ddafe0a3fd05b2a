import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { RunHistory } from '@app/contracts';
import { NgxEchartsDirective } from 'ngx-echarts';
import { catchError, exhaustMap, interval, map, merge, of, switchMap } from 'rxjs';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { historyChartData, historyChartFrame, type HistoryChartOption, markViews, sameHistory } from './history-chart';
import { RunDetailApiService } from './run-detail-api.service';

/** How often the history of an active run is read again: the chart is redrawn at most this often. */
export const HISTORY_REFRESH_MS = 3_000;

type Load = { readonly history: RunHistory; readonly error: null } | { readonly history: null; readonly error: string };

/**
 * The run's rate history: target against achieved rate, queue depth on a second axis, and its marks
 * (rate changed, paused, resumed, throttled, released, stopped, completed). Read on open, then every 3 s
 * while the run is active, and once more when it ends. ECharts draws on a canvas; the frame (axes, legend)
 * is set once and each refresh merges only the series data, with animation off, and only when it changed.
 */
@Component({
  selector: 'app-run-history-chart',
  imports: [NgxEchartsDirective],
  templateUrl: './run-history-chart.component.html',
  styleUrl: './run-history-chart.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunHistoryChartComponent {
  readonly runId = input.required<string>();
  /** Not yet ended (`runEnded`: a stopped run's queue is still draining): samples keep coming. */
  readonly active = input.required<boolean>();

  private readonly api = inject(RunDetailApiService);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  /** The last history read; a refresh that brought nothing new does not notify, so nothing is redrawn. */
  private readonly history = signal<RunHistory | null>(null, { equal: sameHistory });
  private readonly failure = signal<string | null>(null);

  protected readonly frame = historyChartFrame();
  protected readonly initOpts = { renderer: 'canvas' } as const;
  /** Only the series data, merged into the frame (`{}` until the first read: nothing to merge). */
  protected readonly chartData = computed((): HistoryChartOption => {
    const history = this.history();
    return history === null ? {} : historyChartData(history);
  });
  protected readonly error = this.failure.asReadonly();
  protected readonly loaded = computed(() => this.history() !== null);
  protected readonly empty = computed(() => this.history()?.samples.length === 0);
  protected readonly marks = computed(() =>
    markViews(this.history()?.marks ?? []).map((mark) => ({ ...mark, time: this.formats.time.format(new Date(mark.at)) })),
  );

  constructor() {
    const target = computed(() => ({ runId: this.runId(), active: this.active() }), {
      equal: (a, b) => a.runId === b.runId && a.active === b.active,
    });
    toObservable(target)
      .pipe(
        // Active: now and every few seconds; ended: once (its last samples and the completed/stopped mark).
        switchMap(({ runId, active }) =>
          (active ? merge(of(0), interval(HISTORY_REFRESH_MS)) : of(0)).pipe(
            exhaustMap(() =>
              this.api.history(runId).pipe(
                map((history): Load => ({ history, error: null })),
                catchError((error: unknown) =>
                  of<Load>({ history: null, error: requestErrorLine(error, 'Could not load the rate history') }),
                ),
              ),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((load) => {
        this.failure.set(load.error);
        if (load.history !== null) {
          this.history.set(load.history);
        }
      });
  }
}
