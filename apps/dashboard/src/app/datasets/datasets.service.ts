import { HttpClient, type HttpEvent, HttpEventType, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Dataset, DatasetDetail, DatasetPage } from '@app/contracts';
import { filter, map, type Observable } from 'rxjs';
import { type UploadProgress, uploadContentType } from './dataset-upload';

const datasetUrl = (datasetId: string): string => `/api/datasets/${encodeURIComponent(datasetId)}`;

/** What an upload reports: bytes sent so far, then the dataset the api stored. */
export type DatasetUploadEvent = ({ readonly kind: 'progress' } & UploadProgress) | { readonly kind: 'stored'; readonly dataset: Dataset };

/**
 * The datasets REST api, same origin. A refused upload is a 400 naming the malformed line, a 413 past a limit or a
 * 415 for another content type, each with the api's message; a refused delete is a 409 saying which runs use it.
 */
@Injectable({ providedIn: 'root' })
export class DatasetsService {
  private readonly http = inject(HttpClient);

  /** `GET /api/datasets`: a page of datasets, newest first, after `cursor` (the page before's `nextCursor`). */
  list(limit: number, cursor: string | null): Observable<DatasetPage> {
    const params = new HttpParams({ fromObject: cursor === null ? { limit } : { limit, cursor } });
    return this.http.get<DatasetPage>('/api/datasets', { params });
  }

  /** `GET /api/datasets/:id`: the dataset and its first records by seq. */
  dataset(datasetId: string): Observable<DatasetDetail> {
    return this.http.get<DatasetDetail>(datasetUrl(datasetId));
  }

  /**
   * `POST /api/datasets?name=` with the file as the body, typed by its name's ending; the browser streams it from
   * disk. Unsubscribing aborts it, and the api then keeps nothing of it.
   */
  upload(file: File, name: string): Observable<DatasetUploadEvent> {
    return this.http
      .post<Dataset>('/api/datasets', file, {
        params: { name },
        headers: { 'Content-Type': uploadContentType(file) },
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event) => toUploadEvent(event, file.size)),
        filter((event) => event !== null),
      );
  }

  /** `DELETE /api/datasets/:id`: the dataset and its records. */
  delete(datasetId: string): Observable<void> {
    return this.http.delete<void>(datasetUrl(datasetId));
  }
}

/** The upload's progress and its answer; the other events (sent, response headers) say nothing new. */
function toUploadEvent(event: HttpEvent<Dataset>, fileSize: number): DatasetUploadEvent | null {
  if (event.type === HttpEventType.UploadProgress) {
    return { kind: 'progress', loaded: event.loaded, total: event.total ?? fileSize };
  }
  if (event.type === HttpEventType.Response && event.body !== null) {
    return { kind: 'stored', dataset: event.body };
  }
  return null;
}
