import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { Run } from '@app/contracts';
import { RunCardComponent } from './run-card.component';

/** The runs, newest first, as cards; tracked by id so a live update re-renders only its own card. */
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

  protected onChanged(run: Run): void {
    this.changed.emit(run);
  }
}
