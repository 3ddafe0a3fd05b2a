import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { Run } from '@app/contracts';
import { finalize } from 'rxjs';
import { requestErrorLine } from './request-error';
import { type ChangeField, MISSING_VALUE, PACE_OPTIONS, type PaceMode, paceField } from './run-change';
import { type CreateRunRequest, RunsApiService } from './runs-api.service';
import { mapMessagesToFields, type ServerFieldErrors, validationMessages } from './server-field-errors';

type Field = ChangeField;

interface FieldDefinition {
  readonly name: Field;
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly step: string;
}

const FIELDS: Readonly<Record<Field, FieldDefinition>> = {
  total: { name: 'total', id: 'run-total', label: 'Total jobs', hint: 'How many jobs the run publishes.', step: '1' },
  ratePerMinute: {
    name: 'ratePerMinute',
    id: 'run-rate',
    label: 'Rate (jobs per minute)',
    hint: 'The target publishing rate.',
    step: 'any',
  },
  durationMinutes: {
    name: 'durationMinutes',
    id: 'run-duration',
    label: 'Duration (minutes)',
    hint: 'How long publishing takes: the rate is total ÷ duration.',
    step: 'any',
  },
};

// The limits are the server's to check (its messages are shown by field): importing RUN_LIMITS from
// @app/contracts as a value would bundle the lib's class-validator DTO, so only types come from there.

const FIELD_NAMES: readonly Field[] = ['total', 'ratePerMinute', 'durationMinutes'];

const NO_ERRORS: ServerFieldErrors<Field> = { fields: {}, general: [] };

/**
 * Turns a failed `POST /api/runs` into messages for the form: a 400's messages by field (of the pace mode
 * that was sent; one naming the other mode's field goes to the general line), anything else as one line.
 */
export function startRunErrors(error: unknown, pace: PaceMode): ServerFieldErrors<Field> {
  if (error instanceof HttpErrorResponse && error.status === 400) {
    const mapped = mapMessagesToFields(validationMessages(error.error), ['total', paceField(pace)]);
    const hasMessages = mapped.general.length > 0 || Object.keys(mapped.fields).length > 0;
    return hasMessages ? mapped : { fields: {}, general: ['The server rejected the run.'] };
  }
  return { fields: {}, general: [requestErrorLine(error, 'Could not start the run')] };
}

@Component({
  selector: 'app-start-run-form',
  imports: [ReactiveFormsModule],
  templateUrl: './start-run-form.component.html',
  styleUrl: './start-run-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartRunFormComponent {
  private readonly api = inject(RunsApiService);
  private readonly destroyRef = inject(DestroyRef);

  /** Emits the run the server created. */
  readonly created = output<Run>();

  protected readonly form = new FormGroup({
    total: new FormControl<number | null>(1000),
    pace: new FormControl<PaceMode>('rate', { nonNullable: true }),
    ratePerMinute: new FormControl<number | null>(600),
    durationMinutes: new FormControl<number | null>(10),
  });
  protected readonly paceOptions = PACE_OPTIONS.map((option) => ({ ...option, id: `run-pace-${option.value}` }));
  private readonly pace = toSignal(this.form.controls.pace.valueChanges, { initialValue: this.form.controls.pace.value });

  protected readonly submitting = signal(false);
  private readonly errors = signal<ServerFieldErrors<Field>>(NO_ERRORS);
  private readonly startedId = signal<string | null>(null);

  protected readonly fields = computed(() => {
    const errors = this.errors().fields;
    return [FIELDS.total, FIELDS[paceField(this.pace())]].map((field) => {
      const messages = errors[field.name] ?? [];
      const invalid = messages.length > 0;
      return {
        ...field,
        messages,
        invalid,
        errorsId: `${field.id}-errors`,
        describedBy: invalid ? `${field.id}-hint ${field.id}-errors` : `${field.id}-hint`,
      };
    });
  });
  protected readonly generalErrors = computed(() => this.errors().general);
  protected readonly started = this.startedId.asReadonly();
  protected readonly submitLabel = computed(() => (this.submitting() ? 'Starting…' : 'Start run'));

  constructor() {
    // A field's messages are about the value that was sent: editing the field clears them.
    for (const name of FIELD_NAMES) {
      this.form.controls[name].valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.clearFieldErrors([name]));
    }
    this.form.controls.pace.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.clearFieldErrors(['ratePerMinute', 'durationMinutes']));
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    const values = this.form.getRawValue();
    const pace = paceField(values.pace);
    const missing: Partial<Record<Field, string[]>> = {};
    for (const name of ['total', pace] as const) {
      if (values[name] === null) {
        missing[name] = [MISSING_VALUE[name]];
      }
    }
    this.startedId.set(null);
    const { total } = values;
    const paceValue = values[pace];
    if (total === null || paceValue === null) {
      this.errors.set({ fields: missing, general: [] });
      return;
    }

    const request: CreateRunRequest =
      pace === 'ratePerMinute' ? { total, ratePerMinute: paceValue } : { total, durationMinutes: paceValue };
    this.errors.set(NO_ERRORS);
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
        error: (error: unknown) => this.errors.set(startRunErrors(error, values.pace)),
      });
  }

  private clearFieldErrors(names: readonly Field[]): void {
    this.errors.update((errors) => {
      if (names.every((name) => errors.fields[name] === undefined)) {
        return errors;
      }
      const fields = { ...errors.fields };
      for (const name of names) {
        delete fields[name];
      }
      return { ...errors, fields };
    });
  }
}
