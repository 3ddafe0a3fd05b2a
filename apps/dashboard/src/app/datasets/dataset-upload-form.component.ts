import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  type ElementRef,
  inject,
  LOCALE_ID,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { type Dataset, DATASET_LIMITS } from '@app/contracts';
import { finalize, type Subscription } from 'rxjs';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { defaultDatasetName, UPLOAD_ACCEPT, type UploadProgress, uploadProgressView } from './dataset-upload';
import { DatasetsService } from './datasets.service';

/** What the last upload came to, shown under the form until the next one starts; a failure is announced at once. */
interface Outcome {
  readonly failed: boolean;
  readonly text: string;
}

/**
 * Uploads a CSV or NDJSON file as a dataset, with an optional name: the bytes sent as a progress bar, a Cancel that
 * aborts it, and the api's own words when it refuses the file (the malformed line, a limit, the content type).
 */
@Component({
  selector: 'app-dataset-upload-form',
  imports: [ReactiveFormsModule],
  templateUrl: './dataset-upload-form.component.html',
  styleUrl: './dataset-upload-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DatasetUploadFormComponent {
  private readonly api = inject(DatasetsService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');
  private readonly file = signal<File | null>(null);
  /** Bytes sent of the upload in flight; null while none is. */
  private readonly progress = signal<UploadProgress | null>(null);
  private readonly lastOutcome = signal<Outcome | null>(null);
  private upload: Subscription | null = null;

  /** Emits the dataset the api stored. */
  readonly uploaded = output<Dataset>();

  protected readonly accept = UPLOAD_ACCEPT;
  protected readonly nameMaxLength = DATASET_LIMITS.nameMaxLength;
  /** The file is not a form control: its input is read on change (a file input has no value to bind). */
  protected readonly form = new FormGroup({ name: new FormControl('', { nonNullable: true }) });
  protected readonly uploading = computed(() => this.progress() !== null);
  protected readonly progressView = computed(() => {
    const progress = this.progress();
    return progress === null ? null : uploadProgressView(progress, this.formats);
  });
  protected readonly namePlaceholder = computed(() => {
    const file = this.file();
    return file === null ? '' : defaultDatasetName(file.name);
  });
  protected readonly outcome = this.lastOutcome.asReadonly();

  protected choose(files: FileList | null): void {
    this.file.set(files?.item(0) ?? null);
    this.lastOutcome.set(null);
  }

  protected submit(): void {
    const file = this.file();
    if (this.uploading()) {
      return;
    }
    if (file === null) {
      this.lastOutcome.set({ failed: true, text: 'Choose a file to upload.' });
      return;
    }
    const name = this.form.controls.name.value.trim() || defaultDatasetName(file.name);
    this.lastOutcome.set(null);
    this.progress.set({ loaded: 0, total: file.size });
    this.upload = this.api
      .upload(file, name)
      .pipe(
        finalize(() => this.progress.set(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (event) => {
          if (event.kind === 'progress') {
            this.progress.set(event);
            return;
          }
          const { dataset } = event;
          const records = this.formats.count.format(dataset.records);
          this.lastOutcome.set({
            failed: false,
            text: `Stored ${dataset.name}: ${records} ${dataset.records === 1 ? 'record' : 'records'}.`,
          });
          this.clear();
          this.uploaded.emit(dataset);
        },
        error: (error: unknown) =>
          this.lastOutcome.set({ failed: true, text: `${file.name} was not uploaded. ${requestErrorLine(error, 'The upload failed')}` }),
      });
  }

  /** Aborts the upload in flight: the api keeps nothing of it. */
  protected cancel(): void {
    if (!this.uploading()) {
      return;
    }
    this.upload?.unsubscribe();
    this.lastOutcome.set({ failed: false, text: 'Upload cancelled: nothing of it was kept.' });
  }

  private clear(): void {
    this.fileInput().nativeElement.value = '';
    this.file.set(null);
    this.form.reset();
  }
}
