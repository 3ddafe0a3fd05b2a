import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Run } from '@app/contracts';
import { runEnded } from '@app/domain';
import { catchError, map, of, switchMap } from 'rxjs';
import { latestRun } from '../live/apply-run-event';
import { LiveRunsService } from '../live/live-runs.service';
import { RunCardComponent } from '../runs/run-card.component';
import { requestErrorLine } from '../shared/request-error';
import { AuditPanelComponent } from './audit-panel.component';
import { DeliveriesPanelComponent } from './deliveries-panel.component';
import { FailuresPanelComponent } from './failures-panel.component';
import { ResultsTableComponent } from './results-table.component';
import { RunDetailApiService } from './run-detail-api.service';
import { RunHistoryChartComponent } from './run-history-chart.component';

type Fetched = { readonly run: Run; readonly error: null } | { readonly run: null; readonly error: string };

/**
 * `/runs/:id`: the run live (its card: counters, progress, target against achieved rate, ETA, actions and
 * editor), its rate history, stored results, an `http` run's deliveries, dead letters and audit. The run is read once over REST (the
 * live feed carries only active and recent runs) and then follows the feed; of the two, the higher
 * version is shown.
 */
@Component({
  selector: 'app-run-detail-page',
  imports: [
    RouterLink,
    RunCardComponent,
    RunHistoryChartComponent,
    ResultsTableComponent,
    DeliveriesPanelComponent,
    FailuresPanelComponent,
    AuditPanelComponent,
  ],
  templateUrl: './run-detail-page.component.html',
  styleUrl: './run-detail-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunDetailPageComponent {
  /** The route's `:id`. */
  readonly id = input.required<string>();

  private readonly live = inject(LiveRunsService);
  private readonly api = inject(RunDetailApiService);
  /** The run as REST answered (the read on open, or a change made here). */
  private readonly fetched = signal<Run | null>(null);
  private readonly failure = signal<string | null>(null);

  protected readonly run = computed(() => {
    const id = this.id();
    const fetched = this.fetched();
    // The feed's copy goes as the incoming one: it keeps coming, while the REST answer is read once.
    return latestRun(fetched?.id === id ? fetched : null, this.live.runsById().get(id));
  });
  /** Its history grows until the run has ended, by the rule the scheduler samples by. */
  protected readonly active = computed(() => {
    const run = this.run();
    return run !== null && !runEnded(run);
  });
  protected readonly failed = computed(() => this.run()?.failed ?? 0);
  /** A failed read matters only while the live feed does not have the run either. */
  protected readonly error = computed(() => (this.run() === null ? this.failure() : null));

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) =>
          this.api.run(id).pipe(
            map((run): Fetched => ({ run, error: null })),
            catchError((error: unknown) => of<Fetched>({ run: null, error: requestErrorLine(error, 'Could not load the run') })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.failure.set(result.error);
        if (result.run !== null) {
          this.keep(result.run);
        }
      });
  }

  /** The run as the server answered a change made here: shown at once, by the same version rule. */
  protected keep(run: Run): void {
    this.fetched.update((held) => (held?.id === run.id ? latestRun(held, run) : run));
  }
}
