import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  LOCALE_ID,
  type OnInit,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import type { Run } from '@app/contracts';
import { finalize, map } from 'rxjs';
import { ErrorListComponent } from '../shared/error-list.component';
import { localeFormats } from '../shared/locale-formats';
import { NO_FIELD_ERRORS, type ServerFieldErrors, withoutFieldErrors } from '../shared/server-field-errors';
import { tickingNow } from '../shared/ticking-clock';
import { createPaceForm, editedFields, type PaceFormFailureText, paceFormErrors } from './pace-form';
import { describePreview, previewChange } from './preview-change';
import { buildRunChange, type ChangeField, initialChangeValues, type RunChangeValues } from './run-change';
import { type PaceFieldHints, RunPaceFieldsComponent } from './run-pace-fields.component';
import { RunsApiService } from './runs-api.service';

/** The form is empty until the run is known (`ngOnInit`). */
const NO_VALUES: RunChangeValues = { total: null, pace: 'rate', ratePerMinute: null, durationMinutes: null };

const HINTS: PaceFieldHints = {
  total: 'Not below the jobs already published.',
  ratePerMinute: 'From now on.',
  durationMinutes: 'To publish the jobs left, from now.',
};

/** What a failed `PATCH /api/runs/:id` says when the server gives no message of its own (a 409 gives one). */
const FAILURE_TEXT: PaceFormFailureText = { rejected: 'The server rejected the change.', failure: 'Could not change the run' };

/** How often the finish time of the preview follows the clock. */
const CLOCK_TICK_MS = 1000;

/**
 * Changes X (total) and Y (a rate, or a duration the rate is derived from) of a running or paused run.
 * Prefilled with the run's values; shows the new ETA and finish time before anything is applied; sends
 * only what changed. Emits the run the server answered with, then `closed`.
 */
@Component({
  selector: 'app-edit-run-form',
  imports: [ReactiveFormsModule, RunPaceFieldsComponent, ErrorListComponent],
  templateUrl: './edit-run-form.component.html',
  styleUrl: './edit-run-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditRunFormComponent implements OnInit {
  /** The run as the live feed has it: the preview follows its counters. */
  readonly run = input.required<Run>();
  /** The run after a change the server accepted. */
  readonly changed = output<Run>();
  /** The form is done: applied or cancelled. */
  readonly closed = output<void>();

  private readonly api = inject(RunsApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formats = localeFormats(inject(LOCALE_ID));

  protected readonly form = createPaceForm(NO_VALUES);
  protected readonly hints = HINTS;

  /** The values the form opened with: what "changed" is measured against. */
  private readonly initial = signal<RunChangeValues>(this.form.getRawValue());
  private readonly values = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  // The finish time is "now + ETA": it moves with the clock even while no live update arrives.
  private readonly now = tickingNow(CLOCK_TICK_MS);
  private readonly errors = signal<ServerFieldErrors<ChangeField>>(NO_FIELD_ERRORS);

  protected readonly submitting = signal(false);
  protected readonly applyLabel = computed(() => (this.submitting() ? 'Applying…' : 'Apply'));
  protected readonly fieldErrors = computed(() => this.errors().fields);
  protected readonly generalErrors = computed(() => this.errors().general);
  protected readonly pace = computed(() => this.values().pace);
  /** Only the id: the live feed's counter updates do not rebuild the fields. */
  private readonly runId = computed(() => this.run().id);
  protected readonly ids = computed(() => {
    const base = `edit-${this.runId()}`;
    return { title: `${base}-title`, preview: `${base}-preview`, base };
  });
  protected readonly preview = computed(() => {
    const now = this.now();
    return describePreview(previewChange(this.run(), this.values(), now), this.formats, now);
  });

  constructor() {
    editedFields(this.form)
      .pipe(takeUntilDestroyed())
      .subscribe((names) => this.errors.update((errors) => withoutFieldErrors(errors, names)));

    const host = inject<ElementRef<HTMLElement>>(ElementRef);
    afterNextRender(() => host.nativeElement.querySelector<HTMLInputElement>('input[type="number"]')?.focus());
  }

  ngOnInit(): void {
    const initial = initialChangeValues(this.run());
    this.initial.set(initial);
    this.form.setValue(initial);
  }

  protected apply(): void {
    if (this.submitting()) {
      return;
    }
    const values = this.form.getRawValue();
    const request = buildRunChange(this.initial(), values);
    if (request.kind === 'incomplete') {
      this.errors.set({ fields: request.fields, general: [] });
      return;
    }
    if (request.kind === 'unchanged') {
      this.errors.set({ fields: {}, general: ['Nothing to apply: change the total or the pace first.'] });
      return;
    }

    this.errors.set(NO_FIELD_ERRORS);
    this.submitting.set(true);
    this.api
      .updateRun(this.run().id, request.body)
      .pipe(
        finalize(() => this.submitting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (run) => {
          this.changed.emit(run);
          this.closed.emit();
        },
        error: (error: unknown) => this.errors.set(paceFormErrors(error, values.pace, FAILURE_TEXT)),
      });
  }

  protected cancel(): void {
    this.closed.emit();
  }
}
