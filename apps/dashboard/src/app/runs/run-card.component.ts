import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { Run } from '@app/contracts';
import { runFormats, toRunView } from './run-view';

/** One run: status, progress, counters, rates and ETA. Only a card whose run changed is recomputed. */
@Component({
  selector: 'app-run-card',
  templateUrl: './run-card.component.html',
  styleUrl: './run-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunCardComponent {
  readonly run = input.required<Run>();

  private readonly formats = runFormats(inject(LOCALE_ID));

  protected readonly view = computed(() => {
    const view = toRunView(this.run(), this.formats);
    return { ...view, headingId: `run-${view.id}`, progressId: `run-${view.id}-progress` };
  });
}
