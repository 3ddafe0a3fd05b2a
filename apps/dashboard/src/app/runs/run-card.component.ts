import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  input,
  LOCALE_ID,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Run } from '@app/contracts';
import { AccessService } from '../access/access.service';
import { localeFormats } from '../shared/locale-formats';
import { EditRunFormComponent } from './edit-run-form.component';
import { RunActionsComponent } from './run-actions.component';
import { toRunView } from './run-view';

/**
 * One run: status, progress, counters, rates and ETA, with its controls (pause / resume / stop, and an
 * inline editor of X and Y) for the operator. Only a card whose run changed is recomputed.
 */
@Component({
  selector: 'app-run-card',
  imports: [RouterLink, RunActionsComponent, EditRunFormComponent],
  templateUrl: './run-card.component.html',
  styleUrl: './run-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunCardComponent {
  readonly run = input.required<Run>();
  /** Whether the heading links to the run's detail page (not on that page itself). */
  readonly linked = input(true);
  /** The run as the server answered a change made from this card. */
  readonly changed = output<Run>();

  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');
  private readonly editing = signal(false);

  protected readonly canControl = inject(AccessService).canControl;

  protected readonly view = computed(() => {
    const view = toRunView(this.run(), this.formats);
    return {
      ...view,
      headingId: `run-${view.id}`,
      progressId: `run-${view.id}-progress`,
      editorId: `run-${view.id}-editor`,
      detailLink: ['/runs', view.id],
    };
  });
  /** The editor closes by itself once the run can no longer be changed. */
  protected readonly editorOpen = computed(() => this.editing() && this.view().editable);
  protected readonly editorControls = computed(() => (this.editorOpen() ? this.view().editorId : null));

  protected toggleEditor(): void {
    this.editing.update((open) => !open);
  }

  protected closeEditor(): void {
    this.editing.set(false);
    this.editButton()?.nativeElement.focus();
  }

  protected onChanged(run: Run): void {
    this.changed.emit(run);
  }
}
