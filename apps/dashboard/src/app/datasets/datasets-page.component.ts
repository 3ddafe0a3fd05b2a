import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { Dataset } from '@app/contracts';
import { finalize } from 'rxjs';
import { AccessService } from '../access/access.service';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { DatasetDetailComponent } from './dataset-detail.component';
import { DatasetUploadFormComponent } from './dataset-upload-form.component';
import { toDatasetRow } from './dataset-view';
import { DatasetsService } from './datasets.service';

/** Datasets read per request (the api's most). */
export const DATASET_PAGE_SIZE = 100;

/**
 * `/datasets`: upload a file as a dataset (the operator), every dataset newest first, and the one the `dataset`
 * query parameter names, below the list (so a link or a refresh shows it again). A dataset uploaded or deleted here
 * is added to or taken off the list at once.
 */
@Component({
  selector: 'app-datasets-page',
  host: { class: 'page-stack' },
  imports: [RouterLink, DatasetUploadFormComponent, DatasetDetailComponent],
  templateUrl: './datasets-page.component.html',
  styleUrl: './datasets-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DatasetsPageComponent {
  /** The `dataset` query parameter: the id of the dataset shown. */
  readonly dataset = input<string>();

  private readonly api = inject(DatasetsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly items = signal<readonly Dataset[]>([]);
  private readonly cursor = signal<string | null>(null);
  /** Whether the first page has been read (or its read failed): before it, the list says it is loading. */
  private readonly firstPageRead = signal(false);
  private readonly reading = signal(false);
  private readonly listFailure = signal<string | null>(null);

  protected readonly canControl = inject(AccessService).canControl;
  protected readonly rows = computed(() => this.items().map((dataset) => toDatasetRow(dataset, this.formats)));
  protected readonly selectedId = computed(() => this.dataset() || null);
  protected readonly emptyMessage = computed(() => (this.firstPageRead() ? 'No datasets yet.' : 'Loading…'));
  protected readonly hasMore = computed(() => this.cursor() !== null);
  protected readonly busyReading = this.reading.asReadonly();
  protected readonly listError = this.listFailure.asReadonly();

  constructor() {
    this.readPage(null);
  }

  protected loadMore(): void {
    const cursor = this.cursor();
    if (cursor !== null && !this.reading()) {
      this.readPage(cursor);
    }
  }

  /** A dataset uploaded here: first in the list (the newest), and shown. */
  protected added(dataset: Dataset): void {
    this.items.update((items) => [dataset, ...items.filter((item) => item.id !== dataset.id)]);
    this.select(dataset.id);
  }

  /** A dataset deleted here: off the list, and no longer shown. */
  protected removed(datasetId: string): void {
    this.items.update((items) => items.filter((item) => item.id !== datasetId));
    this.select(null);
  }

  private select(datasetId: string | null): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { dataset: datasetId } });
  }

  private readPage(cursor: string | null): void {
    this.reading.set(true);
    this.api
      .list(DATASET_PAGE_SIZE, cursor)
      .pipe(
        finalize(() => {
          this.reading.set(false);
          this.firstPageRead.set(true);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (page) => {
          this.listFailure.set(null);
          // A dataset uploaded while the page was read is already listed.
          this.items.update((items) => [...items, ...page.items.filter((item) => !items.some((held) => held.id === item.id))]);
          this.cursor.set(page.nextCursor);
        },
        error: (error: unknown) => this.listFailure.set(requestErrorLine(error, 'Could not load the datasets')),
      });
  }
}
