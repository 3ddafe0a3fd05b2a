import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, input, output, signal, viewChild } from '@angular/core';
import type { Run } from '@app/contracts';
import { RunCardComponent } from './run-card.component';

/**
 * What the hidden first card shows: a running run with every figure set, so that it goes through the same template
 * branches, formats and fonts as a live run's card.
 */
const WARM_UP_RUN: Run = {
  id: 'warm-up',
  version: 1,
  status: 'running',
  total: 200_000,
  ratePerMinute: 600_000,
  processor: 'square',
  datasetId: null,
  target: null,
  rounds: null,
  notify: null,
  published: 1_000,
  processed: 900,
  failed: 0,
  queued: 100,
  throttled: false,
  throttleReason: null,
  stalledReason: null,
  achievedRatePerMinute: 540_000,
  etaSeconds: 22,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.100Z',
  finishedAt: null,
};

/**
 * The runs, newest first, as cards; tracked by id so a live update re-renders only its own card.
 *
 * At its first render, with no runs yet, the list also builds one hidden card and lays it out once, then removes it:
 * a page's first card costs about twice what the next ones do (Angular's first pass over the card's templates, the
 * code's first run, and the browser's look-up of the card's fonts, a synchronous call to its main process for each
 * family and size). With runs at load that cost is part of loading the page; without them it would fall on the moment
 * the first run appears, while a full-speed run keeps the machine busiest (`npm run bench:dashboard`).
 */
@Component({
  selector: 'app-run-list',
  imports: [RunCardComponent],
  templateUrl: './run-list.component.html',
  styleUrl: './run-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunListComponent {
  readonly runs = input.required<readonly Run[]>();
  /** False until the first snapshot: an empty list then means "not known yet". */
  readonly loaded = input.required<boolean>();
  /** A run as the server answered a change made from its card. */
  readonly changed = output<Run>();

  protected readonly empty = computed(() => this.runs().length === 0);
  protected readonly emptyMessage = computed(() => (this.loaded() ? 'No runs yet. Start one above.' : 'Waiting for the live feed…'));
  protected readonly warmUpRun = WARM_UP_RUN;
  /** Whether the hidden card is there: from the first render until it has been laid out. */
  protected readonly warmingUp = signal(true);
  private readonly warmUpCard = viewChild('warmUpCard', { read: ElementRef<HTMLElement> });

  constructor() {
    afterNextRender({
      // Reading its size lays the card out now, its text shaped in its fonts, before it goes.
      read: () => {
        this.warmUpCard()?.nativeElement.getBoundingClientRect();
        this.warmingUp.set(false);
      },
    });
  }

  protected onChanged(run: Run): void {
    this.changed.emit(run);
  }
}
