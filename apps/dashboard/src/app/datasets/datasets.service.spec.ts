import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type DatasetUploadEvent, DatasetsService } from './datasets.service';
import { aDataset } from './datasets.testing';

describe('DatasetsService', () => {
  let service: DatasetsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(DatasetsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads a page of datasets, after a cursor when there is one', () => {
    service.list(100, null).subscribe();
    const first = http.expectOne((request) => request.url === '/api/datasets');
    expect(first.request.params.keys()).toEqual(['limit']);
    expect(first.request.params.get('limit')).toBe('100');
    first.flush({ items: [], nextCursor: null });

    service.list(100, 'mkq3x1c00abc').subscribe();
    expect(http.expectOne((request) => request.url === '/api/datasets').request.params.get('cursor')).toBe('mkq3x1c00abc');
  });

  it('uploads the file as the body, typed by its ending, named in the query, reporting the bytes sent then the dataset', () => {
    const file = new File(['id,name\n1,a\n'], 'people.csv', { type: 'application/vnd.ms-excel' });
    const events: DatasetUploadEvent[] = [];
    service.upload(file, 'my people').subscribe((event) => events.push(event));

    const request = http.expectOne((candidate) => candidate.url === '/api/datasets');
    expect(request.request.method).toBe('POST');
    expect(request.request.params.get('name')).toBe('my people');
    expect(request.request.headers.get('Content-Type')).toBe('text/csv');
    expect(request.request.body).toBe(file);
    expect(request.request.reportProgress).toBe(true);

    request.event({ type: HttpEventType.Sent });
    request.event({ type: HttpEventType.UploadProgress, loaded: 5, total: 12 });
    // A browser that cannot tell the total: the file's size is.
    request.event({ type: HttpEventType.UploadProgress, loaded: 12 });
    const dataset = aDataset({ name: 'my people', records: 1 });
    request.flush(dataset, { status: 201, statusText: 'Created' });

    expect(events).toEqual([
      { kind: 'progress', loaded: 5, total: 12 },
      { kind: 'progress', loaded: 12, total: file.size },
      { kind: 'stored', dataset },
    ]);
  });

  it('aborts the upload when unsubscribed', () => {
    const subscription = service.upload(new File(['{"a":1}\n'], 'events.ndjson'), 'events').subscribe();
    const request = http.expectOne('/api/datasets?name=events');
    expect(request.request.headers.get('Content-Type')).toBe('application/x-ndjson');
    subscription.unsubscribe();
    expect(request.cancelled).toBe(true);
  });

  it('reads one dataset and deletes it by id', () => {
    service.dataset('mkq3x1c00abc').subscribe();
    http.expectOne({ method: 'GET', url: '/api/datasets/mkq3x1c00abc' }).flush({ ...aDataset(), sample: [] });
    let deleted = false;
    service.delete('mkq3x1c00abc').subscribe(() => (deleted = true));
    http.expectOne({ method: 'DELETE', url: '/api/datasets/mkq3x1c00abc' }).flush(null, { status: 204, statusText: 'No Content' });
    expect(deleted).toBe(true);
  });
});
