import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { type CreateRunRequest, DEFAULT_PROCESSOR, type ProcessorName, type Run } from '@app/contracts';
import { finalize } from 'rxjs';
import { ErrorListComponent } from '../shared/error-list.component';
import { NO_FIELD_ERRORS, type ServerFieldErrors, withoutFieldErrors } from '../shared/server-field-errors';
import { createPaceForm, editedFields, type PaceFormFailureText, paceFormErrors } from './pace-form';
import { PROCESSOR_OPTIONS } from './processor-options';
import { type ChangeField, missingValues, paceField, type RunChangeValues } from './run-change';
import { type PaceFieldHints, RunPaceFieldsComponent } from './run-pace-fields.component';
import { RunsApiService } from './runs-api.service';

// The limits (RUN_LIMITS) are the server's to check: its messages are shown by field.

const START_VALUES: RunChangeValues = { total: 1000, pace: 'rate', ratePerMinute: 600, durationMinutes: 10 };

const HINTS: PaceFieldHints = {
  total: 'How many jobs the run publishes.',
  ratePerMinute: 'The target publishing rate.',
  durationMinutes: 'How long publishing takes: the rate is total ÷ duration.',
};

/** What a failed `POST /api/runs` says when the server gives no message of its own. */
const FAILURE_TEXT: PaceFormFailureText = { rejected: 'The server rejected the run.', failure: 'Could not start the run' };

@Component({
  selector: 'app-start-run-form',
  imports: [ReactiveFormsModule, RunPaceFieldsComponent, ErrorListComponent],
  templateUrl: './start-run-form.component.html',
  styleUrl: './start-run-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartRunFormComponent {
  private readonly api = inject(RunsApiService);
  private readonly destroyRef = inject(DestroyRef);

  /** Emits the run the server created. */
  readonly created = output<Run>();

  protected readonly form = createPaceForm(START_VALUES);
  protected readonly hints = HINTS;
  protected readonly processor = new FormControl<ProcessorName>(DEFAULT_PROCESSOR, { nonNullable: true });
  protected readonly processorOptions = PROCESSOR_OPTIONS;
  protected readonly pace = toSignal(this.form.controls.pace.valueChanges, { initialValue: this.form.controls.pace.value });

  protected readonly submitting = signal(false);
  private readonly errors = signal<ServerFieldErrors<ChangeField>>(NO_FIELD_ERRORS);
  private readonly startedId = signal<string | null>(null);

  protected readonly fieldErrors = computed(() => this.errors().fields);
  protected readonly generalErrors = computed(() => this.errors().general);
  protected readonly started = this.startedId.asReadonly();
  protected readonly submitLabel = computed(() => (this.submitting() ? 'Starting…' : 'Start run'));

  constructor() {
    editedFields(this.form)
      .pipe(takeUntilDestroyed())
      .subscribe((names) => this.errors.update((errors) => withoutFieldErrors(errors, names)));
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    const values = this.form.getRawValue();
    const pace = paceField(values.pace);
    this.startedId.set(null);
    const { total } = values;
    const paceValue = values[pace];
    if (total === null || paceValue === null) {
      this.errors.set({ fields: missingValues(values), general: [] });
      return;
    }

    const request: CreateRunRequest = {
      total,
      processor: this.processor.value,
      ...(pace === 'ratePerMinute' ? { ratePerMinute: paceValue } : { durationMinutes: paceValue }),
    };
    this.errors.set(NO_FIELD_ERRORS);
    this.submitting.set(true);
    this.api
      .createRun(request)
      .pipe(
        finalize(() => this.submitting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (run) => {
          this.startedId.set(run.id);
          this.created.emit(run);
        },
        error: (error: unknown) => this.errors.set(paceFormErrors(error, values.pace, FAILURE_TEXT)),
      });
  }
}
