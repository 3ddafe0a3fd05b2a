import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  linkedSignal,
  LOCALE_ID,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { DatasetDetail } from '@app/contracts';
import { catchError, finalize, map, of, switchMap } from 'rxjs';
import { AccessService } from '../access/access.service';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { sampleTable, toDatasetRow } from './dataset-view';
import { DatasetsService } from './datasets.service';

/** The answer for one dataset id: the dataset, or why there is none. */
type Fetched = { readonly id: string } & (
  { readonly detail: DatasetDetail; readonly error: null } | { readonly detail: null; readonly error: string }
);

/**
 * One dataset: its figures, its fields, and its first records as a table (a column per field); for the operator,
 * Delete, which asks first and shows the api's reason when it refuses (a run still reads from the dataset).
 */
@Component({
  selector: 'app-dataset-detail',
  templateUrl: './dataset-detail.component.html',
  styleUrl: './dataset-detail.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DatasetDetailComponent {
  readonly datasetId = input.required<string>();
  /** Emits the id of the dataset once the api deleted it. */
  readonly deleted = output<string>();

  private readonly api = inject(DatasetsService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly fetched = signal<Fetched | null>(null);
  private readonly deleting = signal(false);
  /** Delete was pressed once and waits for its confirmation; another dataset starts without. */
  private readonly confirming = linkedSignal({ source: this.datasetId, computation: () => false });
  private readonly deleteFailure = linkedSignal<string, string | null>({ source: this.datasetId, computation: () => null });

  protected readonly canControl = inject(AccessService).canControl;
  /** The answer for the dataset asked for; null while it is read (the last one's is not shown under another id). */
  private readonly current = computed(() => {
    const fetched = this.fetched();
    return fetched?.id === this.datasetId() ? fetched : null;
  });
  private readonly detail = computed(() => this.current()?.detail ?? null);
  protected readonly loading = computed(() => this.current() === null);
  protected readonly loadError = computed(() => this.current()?.error ?? null);
  protected readonly summary = computed(() => {
    const detail = this.detail();
    return detail === null ? null : toDatasetRow(detail, this.formats);
  });
  protected readonly fields = computed(() => this.detail()?.fields ?? []);
  protected readonly sample = computed(() => {
    const detail = this.detail();
    return detail === null ? null : sampleTable(detail, this.formats);
  });
  protected readonly deleteQuestion = computed(() => {
    const detail = this.detail();
    if (detail === null) {
      return '';
    }
    const records = this.formats.count.format(detail.records);
    return `Delete ${detail.name} and its ${records} ${detail.records === 1 ? 'record' : 'records'}? This cannot be undone.`;
  });
  protected readonly askingToDelete = this.confirming.asReadonly();
  protected readonly busyDeleting = this.deleting.asReadonly();
  protected readonly deleteError = this.deleteFailure.asReadonly();

  constructor() {
    toObservable(this.datasetId)
      .pipe(
        switchMap((id) =>
          this.api.dataset(id).pipe(
            map((detail): Fetched => ({ id, detail, error: null })),
            catchError((error: unknown) => of<Fetched>({ id, detail: null, error: requestErrorLine(error, 'Could not load the dataset') })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((fetched) => this.fetched.set(fetched));
  }

  protected askToDelete(): void {
    this.deleteFailure.set(null);
    this.confirming.set(true);
  }

  protected keep(): void {
    this.confirming.set(false);
  }

  protected confirmDelete(): void {
    if (this.deleting()) {
      return;
    }
    const id = this.datasetId();
    this.deleting.set(true);
    this.api
      .delete(id)
      .pipe(
        finalize(() => this.deleting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => this.deleted.emit(id),
        error: (error: unknown) => {
          this.confirming.set(false);
          this.deleteFailure.set(requestErrorLine(error, 'Could not delete the dataset'));
        },
      });
  }
}
