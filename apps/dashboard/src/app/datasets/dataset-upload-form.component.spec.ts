import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { Dataset } from '@app/contracts';
import { byTestId } from '../shared/component.testing';
import { DatasetUploadFormComponent } from './dataset-upload-form.component';
import { aDataset } from './datasets.testing';

describe('DatasetUploadFormComponent', () => {
  let fixture: ComponentFixture<DatasetUploadFormComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;
  let uploaded: Dataset[];

  const { click, text } = byTestId(() => fixture);
  const input = <T extends HTMLElement>(testId: string): T => element.querySelector<T>(`[data-testid="${testId}"]`) as T;

  /** Picks `file` in the file input, as the browser's file chooser does. */
  const choose = async (file: File): Promise<void> => {
    const files = { 0: file, length: 1, item: (index: number) => (index === 0 ? file : null) };
    Object.defineProperty(input('dataset-file'), 'files', { value: files, configurable: true });
    input('dataset-file').dispatchEvent(new Event('change'));
    await fixture.whenStable();
  };
  const typeName = async (name: string): Promise<void> => {
    const field = input<HTMLInputElement>('dataset-name');
    field.value = name;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = async (): Promise<void> => {
    input<HTMLFormElement>('dataset-upload-form').dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  const uploadRequest = (): TestRequest => http.expectOne((request) => request.method === 'POST' && request.url === '/api/datasets');
  const csv = (name = 'people.csv', body = 'id,name\n1,a\n2,b\n'): File => new File([body], name, { type: 'text/csv' });

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DatasetUploadFormComponent);
    element = fixture.nativeElement as HTMLElement;
    uploaded = [];
    fixture.componentInstance.uploaded.subscribe((dataset) => uploaded.push(dataset));
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('offers CSV and NDJSON files, and asks for one before uploading', async () => {
    expect(input<HTMLInputElement>('dataset-file').accept).toBe('.csv,.ndjson,.jsonl');
    await submit();
    http.expectNone('/api/datasets');
    expect(text('dataset-upload-outcome')).toBe('Choose a file to upload.');
  });

  it('names the dataset after its file unless given a name, and shows the bytes sent while it goes', async () => {
    const file = csv('people.csv', 'x'.repeat(4096));
    await choose(file);
    expect(input<HTMLInputElement>('dataset-name').placeholder).toBe('people');
    await submit();

    const request = uploadRequest();
    expect(request.request.params.get('name')).toBe('people');
    expect(request.request.body).toBe(file);
    expect(input<HTMLButtonElement>('dataset-upload-submit').disabled).toBe(true);
    expect(text('dataset-upload-progress-text')).toBe('0.0% · 0 bytes of 4 KB');

    request.event({ type: HttpEventType.UploadProgress, loaded: 1024, total: 4096 });
    await fixture.whenStable();
    const bar = input<HTMLProgressElement>('dataset-upload-progress');
    expect([bar.value, bar.max]).toEqual([1024, 4096]);
    expect(text('dataset-upload-progress-text')).toBe('25.0% · 1 KB of 4 KB');

    request.event({ type: HttpEventType.UploadProgress, loaded: 4096, total: 4096 });
    await fixture.whenStable();
    expect(text('dataset-upload-progress-text')).toBe('4 KB sent: storing the last records…');

    const dataset = aDataset({ name: 'people', records: 300 });
    request.flush(dataset, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(uploaded).toEqual([dataset]);
    expect(text('dataset-upload-outcome')).toBe('Stored people: 300 records.');
    expect(input('dataset-upload-progress')).toBeNull();
    expect(input<HTMLButtonElement>('dataset-upload-submit').disabled).toBe(false);

    // Ready for the next file: none chosen.
    await submit();
    http.expectNone('/api/datasets');
    expect(text('dataset-upload-outcome')).toBe('Choose a file to upload.');
  });

  it('sends the name given, trimmed', async () => {
    await choose(csv());
    await typeName('  my people  ');
    await submit();
    uploadRequest().flush(aDataset({ name: 'my people', records: 1 }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(text('dataset-upload-outcome')).toBe('Stored my people: 1 record.');
    expect(input<HTMLInputElement>('dataset-name').value).toBe('');
  });

  it("shows the api's message naming the malformed line, and stores nothing", async () => {
    await choose(csv('broken.csv'));
    await submit();
    uploadRequest().flush(
      { statusCode: 400, message: ['line 42: 4 fields where the header has 3'], error: 'Bad Request' },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(text('dataset-upload-outcome')).toBe('broken.csv was not uploaded. line 42: 4 fields where the header has 3');
    expect(input('dataset-upload-outcome').getAttribute('role')).toBe('alert');
    expect(uploaded).toEqual([]);
    expect(input('dataset-upload-progress')).toBeNull();
  });

  it.each([
    [413, 'Payload Too Large', 'a dataset may have at most 10,000,000 records'],
    [415, 'Unsupported Media Type', 'content-type must be text/csv or application/x-ndjson, not "text/plain"'],
  ])('shows the message of a %s', async (status, statusText, message) => {
    await choose(csv('big.csv'));
    await submit();
    uploadRequest().flush({ statusCode: status, message }, { status, statusText });
    await fixture.whenStable();
    expect(text('dataset-upload-outcome')).toBe(`big.csv was not uploaded. ${message}`);
  });

  it('says so when the api cannot be reached', async () => {
    await choose(csv());
    await submit();
    uploadRequest().error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(text('dataset-upload-outcome')).toContain('cannot be reached');
  });

  it('cancels the upload in flight, aborting its request', async () => {
    expect(input('dataset-upload-cancel')).toBeNull();
    await choose(csv());
    await submit();
    const request = uploadRequest();
    await click('dataset-upload-cancel');
    expect(request.cancelled).toBe(true);
    expect(text('dataset-upload-outcome')).toBe('Upload cancelled: nothing of it was kept.');
    expect(input('dataset-upload-outcome').getAttribute('role')).toBeNull();
    expect(input('dataset-upload-progress')).toBeNull();
    expect(input('dataset-upload-cancel')).toBeNull();
    expect(uploaded).toEqual([]);
  });
});
