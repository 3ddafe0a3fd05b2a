import { HttpErrorResponse } from '@angular/common/http';
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
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { Run } from '@app/contracts';
import { finalize, map } from 'rxjs';
import { describePreview, previewChange } from './preview-change';
import { requestErrorLine } from './request-error';
import {
  buildRunChange,
  type ChangeField,
  initialChangeValues,
  PACE_OPTIONS,
  type PaceMode,
  paceField,
  type RunChangeValues,
} from './run-change';
import { runFormats } from './run-view';
import { RunsApiService } from './runs-api.service';
import { mapMessagesToFields, type ServerFieldErrors, validationMessages } from './server-field-errors';

interface FieldText {
  readonly label: string;
  readonly hint: string;
  readonly step: string;
}

const FIELD_TEXT: Readonly<Record<ChangeField, FieldText>> = {
  total: { label: 'Total jobs', hint: 'Not below the jobs already published.', step: '1' },
  ratePerMinute: { label: 'Rate (jobs per minute)', hint: 'From now on.', step: 'any' },
  durationMinutes: { label: 'Duration (minutes)', hint: 'To publish the jobs left, from now.', step: 'any' },
};

const NO_ERRORS: ServerFieldErrors<ChangeField> = { fields: {}, general: [] };
const CHANGE_FIELDS: readonly ChangeField[] = ['total', 'ratePerMinute', 'durationMinutes'];
/** How often the finish time of the preview follows the clock. */
const CLOCK_TICK_MS = 1000;

/** Turns a failed `PATCH /api/runs/:id` into messages: a 400's by field (of the pace mode sent), a 409's as one line. */
export function editRunErrors(error: unknown, pace: PaceMode): ServerFieldErrors<ChangeField> {
  if (error instanceof HttpErrorResponse && error.status === 400) {
    const mapped = mapMessagesToFields(validationMessages(error.error), ['total', paceField(pace)]);
    const hasMessages = mapped.general.length > 0 || Object.keys(mapped.fields).length > 0;
    return hasMessages ? mapped : { fields: {}, general: ['The server rejected the change.'] };
  }
  return { fields: {}, general: [requestErrorLine(error, 'Could not change the run')] };
}

/**
 * Changes X (total) and Y (a rate, or a duration the rate is derived from) of a running or paused run.
 * Prefilled with the run's values; shows the new ETA and finish time before anything is applied; sends
 * only what changed. Emits the run the server answered with, then `closed`.
 */
@Component({
  selector: 'app-edit-run-form',
  imports: [ReactiveFormsModule],
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
  private readonly formats = runFormats(inject(LOCALE_ID));

  protected readonly form = new FormGroup({
    total: new FormControl<number | null>(null),
    pace: new FormControl<PaceMode>('rate', { nonNullable: true }),
    ratePerMinute: new FormControl<number | null>(null),
    durationMinutes: new FormControl<number | null>(null),
  });

  /** The values the form opened with: what "changed" is measured against. */
  private readonly initial = signal<RunChangeValues>(this.form.getRawValue());
  private readonly values = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  private readonly now = signal(Date.now());
  private readonly errors = signal<ServerFieldErrors<ChangeField>>(NO_ERRORS);

  protected readonly submitting = signal(false);
  protected readonly applyLabel = computed(() => (this.submitting() ? 'Applying…' : 'Apply'));
  protected readonly generalErrors = computed(() => this.errors().general);
  /** Only the id: the live feed's counter updates do not rebuild the fields. */
  private readonly runId = computed(() => this.run().id);
  protected readonly ids = computed(() => {
    const base = `edit-${this.runId()}`;
    return { title: `${base}-title`, preview: `${base}-preview`, base };
  });
  protected readonly paceOptions = computed(() => {
    const { base } = this.ids();
    return PACE_OPTIONS.map((option) => ({ ...option, id: `${base}-pace-${option.value}` }));
  });
  protected readonly fields = computed(() => {
    const errors = this.errors().fields;
    const { base } = this.ids();
    return (['total', paceField(this.values().pace)] as const).map((name) => {
      const id = `${base}-${name}`;
      const messages = errors[name] ?? [];
      const invalid = messages.length > 0;
      return {
        name,
        id,
        ...FIELD_TEXT[name],
        messages,
        invalid,
        errorsId: `${id}-errors`,
        describedBy: invalid ? `${id}-hint ${id}-errors` : `${id}-hint`,
      };
    });
  });
  protected readonly preview = computed(() => {
    const now = this.now();
    return describePreview(previewChange(this.run(), this.values(), now), this.formats, now);
  });

  constructor() {
    // A field's messages are about the value that was sent: editing it clears them; switching the pace clears both paces'.
    for (const name of CHANGE_FIELDS) {
      this.form.controls[name].valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.clearFieldErrors([name]));
    }
    this.form.controls.pace.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.clearFieldErrors(['ratePerMinute', 'durationMinutes']));

    // The finish time is "now + ETA": it moves with the clock even while no live update arrives.
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    this.destroyRef.onDestroy(() => clearInterval(clock));

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

    this.errors.set(NO_ERRORS);
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
        error: (error: unknown) => this.errors.set(editRunErrors(error, values.pace)),
      });
  }

  protected cancel(): void {
    this.closed.emit();
  }

  private clearFieldErrors(names: readonly ChangeField[]): void {
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
