import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { Run } from '@app/contracts';
import { finalize } from 'rxjs';
import { RunsApiService } from './runs-api.service';
import { mapMessagesToFields, type ServerFieldErrors, validationMessages } from './server-field-errors';

type Field = 'total' | 'ratePerMinute';

interface FieldDefinition {
  readonly name: Field;
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly step: string;
}

const FIELDS: readonly FieldDefinition[] = [
  { name: 'total', id: 'run-total', label: 'Total jobs', hint: 'How many jobs the run publishes.', step: '1' },
  {
    name: 'ratePerMinute',
    id: 'run-rate',
    label: 'Rate (jobs per minute)',
    hint: 'The target publishing rate.',
    step: 'any',
  },
];

// The limits are the server's to check (its messages are shown by field): importing RUN_LIMITS from
// @app/contracts as a value would bundle the lib's class-validator DTO, so only types come from there.

const FIELD_NAMES: readonly Field[] = FIELDS.map((field) => field.name);

const NO_ERRORS: ServerFieldErrors<Field> = { fields: {}, general: [] };

/** Turns a failed `POST /api/runs` into messages for the form: a 400's messages by field, anything else as one line. */
export function startRunErrors(error: unknown): ServerFieldErrors<Field> {
  if (!(error instanceof HttpErrorResponse)) {
    return { fields: {}, general: ['Could not start the run.'] };
  }
  if (error.status === 400) {
    const mapped = mapMessagesToFields(validationMessages(error.error), FIELD_NAMES);
    const hasMessages = mapped.general.length > 0 || Object.keys(mapped.fields).length > 0;
    return hasMessages ? mapped : { fields: {}, general: ['The server rejected the run.'] };
  }
  if (error.status === 0) {
    return { fields: {}, general: ['The server cannot be reached. Check the connection and try again.'] };
  }
  const statusText = error.statusText ? ` ${error.statusText}` : '';
  return { fields: {}, general: [`Could not start the run: the server answered ${error.status}${statusText}.`] };
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
    ratePerMinute: new FormControl<number | null>(600),
  });

  protected readonly submitting = signal(false);
  private readonly errors = signal<ServerFieldErrors<Field>>(NO_ERRORS);
  private readonly startedId = signal<string | null>(null);

  protected readonly fields = computed(() => {
    const errors = this.errors().fields;
    return FIELDS.map((field) => {
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
      this.form.controls[name].valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.clearFieldErrors(name));
    }
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    const { total, ratePerMinute } = this.form.getRawValue();
    const missing: Partial<Record<Field, string[]>> = {};
    if (total === null) {
      missing.total = ['Enter the total number of jobs.'];
    }
    if (ratePerMinute === null) {
      missing.ratePerMinute = ['Enter the rate in jobs per minute.'];
    }
    this.startedId.set(null);
    if (total === null || ratePerMinute === null) {
      this.errors.set({ fields: missing, general: [] });
      return;
    }

    this.errors.set(NO_ERRORS);
    this.submitting.set(true);
    this.api
      .createRun({ total, ratePerMinute })
      .pipe(
        finalize(() => this.submitting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (run) => {
          this.startedId.set(run.id);
          this.created.emit(run);
        },
        error: (error: unknown) => this.errors.set(startRunErrors(error)),
      });
  }

  private clearFieldErrors(name: Field): void {
    this.errors.update((errors) => {
      if (errors.fields[name] === undefined) {
        return errors;
      }
      const fields = { ...errors.fields };
      delete fields[name];
      return { ...errors, fields };
    });
  }
}
