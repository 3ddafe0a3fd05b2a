import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, LOCALE_ID, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { type Dataset, DEFAULT_PROCESSOR, HASH_ROUNDS_DEFAULT, PROCESSOR_LIMITS, type ProcessorName, type Run } from '@app/contracts';
import { catchError, concat, filter, finalize, map, merge, type Observable, of, Subject, switchMap } from 'rxjs';
import { DatasetsService } from '../datasets/datasets.service';
import { ErrorListComponent } from '../shared/error-list.component';
import { describeField } from '../shared/field-description';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { NO_FIELD_ERRORS, type ServerFieldErrors, withoutFieldErrors } from '../shared/server-field-errors';
import { createHttpTargetForm } from './http-target-form';
import { HttpTargetFieldsComponent } from './http-target-fields.component';
import { createPaceForm, editedFields, formRequestErrors, type PaceFormFailureText } from './pace-form';
import { PROCESSOR_OPTIONS } from './processor-options';
import type { RunChangeValues } from './run-change';
import { type PaceFieldHints, RunPaceFieldsComponent } from './run-pace-fields.component';
import { RunsApiService } from './runs-api.service';
import { SigningSecretPanelComponent } from './signing-secret-panel.component';
import {
  buildStartRunRequest,
  processorsFor,
  type RunSource,
  shownFields,
  START_FIELD_LABELS,
  type StartField,
  type StartRunValues,
} from './start-run-request';

const START_VALUES: RunChangeValues = { total: 1000, pace: 'rate', ratePerMinute: 600, durationMinutes: 10 };

/** The newest datasets the form offers, one page of the list. */
const DATASET_CHOICES = 100;

const SOURCE_OPTIONS: readonly { readonly value: RunSource; readonly label: string }[] = [
  { value: 'generated', label: 'Generated numbers' },
  { value: 'dataset', label: 'A dataset' },
];

/** What a failed `POST /api/runs` says when the server gives no message of its own. */
const FAILURE_TEXT: PaceFormFailureText = { rejected: 'The server rejected the run.', failure: 'Could not start the run' };

/** The fields whose messages go stale when the processor changes: those only some processors have. */
const PROCESSOR_FIELDS: readonly StartField[] = [
  'processor',
  'target.url',
  'target.headers',
  'target.timeoutMs',
  'target.concurrency',
  'rounds',
];

type DatasetChoices =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'loaded'; readonly items: readonly Dataset[]; readonly more: boolean }
  | { readonly status: 'failed'; readonly error: string };

/**
 * Starts a run: its records (generated numbers, or a dataset's), X and Y, the processor and its own fields (an
 * `http` run's target, a `hash` run's rounds), and a completion callback. Each value is checked against the api's
 * rules before it is sent; the api's messages are shown by field as well. An `http` run's signing secret, which the
 * api shows only in this answer, is shown once in a panel of its own until dismissed.
 */
@Component({
  selector: 'app-start-run-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    RunPaceFieldsComponent,
    HttpTargetFieldsComponent,
    SigningSecretPanelComponent,
    ErrorListComponent,
  ],
  templateUrl: './start-run-form.component.html',
  styleUrl: './start-run-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartRunFormComponent {
  private readonly api = inject(RunsApiService);
  private readonly datasetsApi = inject(DatasetsService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formats = localeFormats(inject(LOCALE_ID));

  /** Emits the run the server created (without its secret: that stays in the panel). */
  readonly created = output<Run>();

  protected readonly form = createPaceForm(START_VALUES);
  protected readonly source = new FormControl<RunSource>('generated', { nonNullable: true });
  protected readonly datasetId = new FormControl('', { nonNullable: true });
  protected readonly processor = new FormControl<ProcessorName>(DEFAULT_PROCESSOR, { nonNullable: true });
  protected readonly target = createHttpTargetForm();
  protected readonly rounds = new FormControl<number | null>(null);
  protected readonly notifyUrl = new FormControl('', { nonNullable: true });

  protected readonly sourceOptions = SOURCE_OPTIONS;
  protected readonly labels = START_FIELD_LABELS;
  protected readonly roundsPlaceholder = String(HASH_ROUNDS_DEFAULT);
  protected readonly roundsHint = `SHA-256 iterations per record: ${this.formats.count.format(PROCESSOR_LIMITS.roundsMin)} to ${this.formats.count.format(PROCESSOR_LIMITS.roundsMax)}, ${this.formats.count.format(HASH_ROUNDS_DEFAULT)} when empty.`;
  protected readonly pace = toSignal(this.form.controls.pace.valueChanges, { initialValue: this.form.controls.pace.value });
  protected readonly sourceValue = toSignal(this.source.valueChanges, { initialValue: this.source.value });
  protected readonly processorValue = toSignal(this.processor.valueChanges, { initialValue: this.processor.value });
  private readonly datasetIdValue = toSignal(this.datasetId.valueChanges, { initialValue: this.datasetId.value });

  protected readonly submitting = signal(false);
  private readonly errors = signal<ServerFieldErrors<StartField>>(NO_FIELD_ERRORS);
  private readonly startedId = signal<string | null>(null);
  private readonly datasetChoices = signal<DatasetChoices>({ status: 'idle' });
  private readonly datasetReads = new Subject<void>();
  /** The last `http` run's secret, until dismissed. */
  protected readonly signingSecret = signal<{ readonly runId: string; readonly secret: string } | null>(null);

  protected readonly fieldErrors = computed(() => this.errors().fields);
  protected readonly generalErrors = computed(() => this.errors().general);
  protected readonly started = this.startedId.asReadonly();
  protected readonly submitLabel = computed(() => (this.submitting() ? 'Starting…' : 'Start run'));
  protected readonly processorOptions = computed(() => {
    const allowed = processorsFor(this.sourceValue());
    return PROCESSOR_OPTIONS.filter((option) => allowed.includes(option.name));
  });
  protected readonly datasets = computed(() => {
    const choices = this.datasetChoices();
    return choices.status === 'loaded' ? choices.items : [];
  });
  private readonly selectedDataset = computed(() => this.datasets().find((dataset) => dataset.id === this.datasetIdValue()) ?? null);
  /** Over a dataset the total may be left empty: it then is the dataset's record count, which the empty field shows. */
  protected readonly totalPlaceholder = computed(() => {
    if (this.sourceValue() !== 'dataset') return null;
    const dataset = this.selectedDataset();
    return dataset === null ? '' : String(dataset.records);
  });
  protected readonly hints = computed((): PaceFieldHints => {
    const dataset = this.sourceValue() === 'dataset' ? this.selectedDataset() : null;
    return {
      total:
        dataset === null
          ? this.sourceValue() === 'dataset'
            ? "How many of the dataset's records the run processes; all of them when empty."
            : 'How many jobs the run publishes.'
          : `How many of the dataset's ${this.formats.count.format(dataset.records)} records the run processes (the first ones); all of them when empty.`,
      ratePerMinute: 'The target publishing rate.',
      durationMinutes: 'How long publishing takes: the rate is total ÷ duration.',
    };
  });
  protected readonly datasetField = computed(() => {
    const choices = this.datasetChoices();
    return {
      ...describeField('run-dataset', this.fieldErrors().datasetId),
      loading: choices.status === 'loading',
      empty: choices.status === 'loaded' && choices.items.length === 0,
      failure: choices.status === 'failed' ? choices.error : null,
      hint:
        choices.status === 'loaded' && choices.more
          ? `The ${DATASET_CHOICES} newest datasets; each record is one job.`
          : 'Each record of the dataset is one job, in its order.',
    };
  });
  protected readonly processorHint = computed(() =>
    this.sourceValue() === 'dataset'
      ? 'Over a dataset: http delivers each record to your endpoint, hash hashes it; the others compute on numbers.'
      : 'What each job computes; flaky and poison let you try retries and dead letters.',
  );
  protected readonly roundsField = computed(() => describeField('run-rounds', this.fieldErrors().rounds));
  protected readonly notifyField = computed(() => describeField('run-notify-url', this.fieldErrors()['notify.url']));

  constructor() {
    this.fieldEdits()
      .pipe(takeUntilDestroyed())
      .subscribe((names) => this.errors.update((errors) => withoutFieldErrors(errors, names)));
    this.source.valueChanges.pipe(takeUntilDestroyed()).subscribe((source) => this.fitToSource(source));
    merge(this.source.valueChanges.pipe(filter((source) => source === 'dataset')), this.datasetReads)
      .pipe(
        switchMap(() => this.readDatasets()),
        takeUntilDestroyed(),
      )
      .subscribe((choices) => this.showDatasets(choices));
  }

  protected retryDatasets(): void {
    this.datasetReads.next();
  }

  protected dismissSecret(): void {
    this.signingSecret.set(null);
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    const values: StartRunValues = {
      ...this.form.getRawValue(),
      source: this.source.value,
      datasetId: this.datasetId.value,
      processor: this.processor.value,
      target: this.target.getRawValue(),
      rounds: this.rounds.value,
      notifyUrl: this.notifyUrl.value,
    };
    this.startedId.set(null);
    const check = buildStartRunRequest(values, this.selectedDataset());
    if (!check.ok) {
      this.errors.set(check.errors);
      return;
    }

    this.errors.set(NO_FIELD_ERRORS);
    this.submitting.set(true);
    this.api
      .createRun(check.request)
      .pipe(
        finalize(() => this.submitting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ secret, ...run }) => {
          this.startedId.set(run.id);
          if (secret !== undefined) {
            this.signingSecret.set({ runId: run.id, secret });
          }
          this.created.emit(run);
        },
        error: (error: unknown) => this.errors.set(formRequestErrors(error, shownFields(values), START_FIELD_LABELS, FAILURE_TEXT)),
      });
  }

  /**
   * The fields whose messages an edit makes stale (those messages are about the value that was sent): the edited
   * field, and those whose meaning the source or the processor changes.
   */
  private fieldEdits(): Observable<readonly StartField[]> {
    const edits = (changes: Observable<unknown>, names: readonly StartField[]) => changes.pipe(map(() => names));
    const { controls } = this.target;
    return merge(
      editedFields(this.form),
      edits(this.source.valueChanges, ['datasetId', 'total', 'processor']),
      edits(this.datasetId.valueChanges, ['datasetId', 'total']),
      edits(this.processor.valueChanges, PROCESSOR_FIELDS),
      edits(controls.url.valueChanges, ['target.url']),
      edits(controls.headers.valueChanges, ['target.headers']),
      edits(controls.timeoutMs.valueChanges, ['target.timeoutMs']),
      edits(controls.concurrency.valueChanges, ['target.concurrency']),
      edits(this.rounds.valueChanges, ['rounds']),
      edits(this.notifyUrl.valueChanges, ['notify.url']),
    );
  }

  /**
   * A dataset's records go only through the processors that take a record, and its total defaults to its record
   * count (so the field empties); generated numbers need a total again.
   */
  private fitToSource(source: RunSource): void {
    const allowed = processorsFor(source);
    if (!allowed.includes(this.processor.value)) {
      this.processor.setValue(allowed[0]);
    }
    const total = this.form.controls.total;
    if (source === 'dataset') {
      total.setValue(null);
    } else if (total.value === null) {
      total.setValue(START_VALUES.total);
    }
  }

  private readDatasets(): Observable<DatasetChoices> {
    return concat(
      of<DatasetChoices>({ status: 'loading' }),
      this.datasetsApi.list(DATASET_CHOICES, null).pipe(
        map((page): DatasetChoices => ({ status: 'loaded', items: page.items, more: page.nextCursor !== null })),
        catchError((error: unknown) =>
          of<DatasetChoices>({ status: 'failed', error: requestErrorLine(error, 'Could not load the datasets') }),
        ),
      ),
    );
  }

  /** A choice no longer listed (or none yet) becomes the newest dataset. */
  private showDatasets(choices: DatasetChoices): void {
    this.datasetChoices.set(choices);
    if (choices.status === 'loaded' && !choices.items.some((dataset) => dataset.id === this.datasetId.value)) {
      this.datasetId.setValue(choices.items[0]?.id ?? '');
    }
  }
}
