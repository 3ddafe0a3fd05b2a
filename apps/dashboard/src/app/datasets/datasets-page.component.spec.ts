import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Dataset } from '@app/contracts';
import { signInAs } from '../access/access.testing';
import { DATASET_PAGE_SIZE, DatasetsPageComponent } from './datasets-page.component';
import { aDataset, aDatasetDetail } from './datasets.testing';

describe('DatasetsPageComponent', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  const element = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  const listRequest = (): TestRequest => http.expectOne((request) => request.method === 'GET' && request.url === '/api/datasets');
  const rowIds = (): string[] =>
    Array.from(element().querySelectorAll('[data-testid="dataset-row"]'), (row) => row.getAttribute('data-dataset-id') ?? '');
  const selectedRow = (): string | null => element().querySelector('tr.selected')?.getAttribute('data-dataset-id') ?? null;
  const open = async (url: string): Promise<void> => {
    await harness.navigateByUrl(url, DatasetsPageComponent);
    await harness.fixture.whenStable();
  };
  const older = aDataset({ id: 'mkq3x1b00old', name: 'older', createdAt: '2026-11-22T09:00:00.000Z' });
  const newer = aDataset({ id: 'mkq3x1c00new', name: 'newer', format: 'ndjson', records: 2, bytes: 30 });

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'datasets', component: DatasetsPageComponent }], withComponentInputBinding()),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator');
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  it("lists the datasets in the api's order, newest first, page after page", async () => {
    await open('/datasets');
    expect(element().querySelector('[data-testid="datasets-empty"]')?.textContent).toContain('Loading…');
    const first = listRequest();
    expect(first.request.params.get('limit')).toBe(String(DATASET_PAGE_SIZE));
    first.flush({ items: [newer], nextCursor: newer.id });
    await harness.fixture.whenStable();
    expect(rowIds()).toEqual([newer.id]);
    const cells = Array.from(element().querySelectorAll('[data-testid="dataset-row"] > *'), (cell) => cell.textContent?.trim());
    expect(cells.slice(0, 5)).toEqual(['newer', 'NDJSON', '2', '30 bytes', 'id, name']);

    Array.from(element().querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Load more')
      ?.click();
    const next = listRequest();
    expect(next.request.params.get('cursor')).toBe(newer.id);
    next.flush({ items: [older], nextCursor: null });
    await harness.fixture.whenStable();
    expect(rowIds()).toEqual([newer.id, older.id]);
    expect(element().textContent).not.toContain('Load more');
  });

  it('says when there are none', async () => {
    await open('/datasets');
    listRequest().flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect(element().querySelector('[data-testid="datasets-empty"]')?.textContent).toContain('No datasets yet.');
  });

  it('says why the list could not be read', async () => {
    await open('/datasets');
    listRequest().flush({ statusCode: 500, message: 'Internal server error' }, { status: 500, statusText: 'Internal Server Error' });
    await harness.fixture.whenStable();
    expect(element().querySelector('[data-testid="datasets-error"]')?.textContent).toContain(
      'Could not load the datasets: the server answered 500 Internal Server Error.',
    );
  });

  it('shows the dataset its query parameter names, below the list, and follows the links of the list', async () => {
    await open(`/datasets?dataset=${older.id}`);
    listRequest().flush({ items: [newer, older], nextCursor: null });
    http.expectOne(`/api/datasets/${older.id}`).flush(aDatasetDetail(older));
    await harness.fixture.whenStable();
    expect(selectedRow()).toBe(older.id);
    expect(element().querySelector('[data-testid="dataset-title"]')?.textContent).toContain('older');

    element().querySelector<HTMLAnchorElement>(`[data-dataset-id="${newer.id}"] a`)?.click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe(`/datasets?dataset=${newer.id}`);
    http.expectOne(`/api/datasets/${newer.id}`).flush(aDatasetDetail(newer));
    await harness.fixture.whenStable();
    expect(selectedRow()).toBe(newer.id);
    expect(element().querySelector('[data-testid="dataset-title"]')?.textContent).toContain('newer');
  });

  it('lists a dataset uploaded here first and shows it; takes one deleted here off the list', async () => {
    await open('/datasets');
    listRequest().flush({ items: [older], nextCursor: null });
    await harness.fixture.whenStable();

    const file = new File(['id,name\n1,a\n2,b\n'], 'newer.csv');
    const input = element().querySelector<HTMLInputElement>('[data-testid="dataset-file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: { 0: file, length: 1, item: () => file } });
    input.dispatchEvent(new Event('change'));
    element().querySelector('form')?.dispatchEvent(new Event('submit'));
    const stored: Dataset = { ...newer, format: 'csv' };
    http.expectOne((request) => request.method === 'POST').flush(stored, { status: 201, statusText: 'Created' });
    await harness.fixture.whenStable();

    expect(rowIds()).toEqual([newer.id, older.id]);
    expect(TestBed.inject(Router).url).toBe(`/datasets?dataset=${newer.id}`);
    http.expectOne(`/api/datasets/${newer.id}`).flush(aDatasetDetail(stored));
    await harness.fixture.whenStable();
    expect(selectedRow()).toBe(newer.id);

    element().querySelector<HTMLButtonElement>('[data-testid="dataset-delete"]')?.click();
    await harness.fixture.whenStable();
    element().querySelector<HTMLButtonElement>('[data-testid="dataset-delete-confirm"]')?.click();
    http.expectOne({ method: 'DELETE', url: `/api/datasets/${newer.id}` }).flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    expect(rowIds()).toEqual([older.id]);
    expect(TestBed.inject(Router).url).toBe('/datasets');
    expect(element().querySelector('[data-testid="dataset-detail"]')).toBeNull();
  });

  it('shows a viewer the list and a dataset, with no upload form', async () => {
    signInAs('viewer');
    await open(`/datasets?dataset=${older.id}`);
    listRequest().flush({ items: [older], nextCursor: null });
    http.expectOne(`/api/datasets/${older.id}`).flush(aDatasetDetail(older));
    await harness.fixture.whenStable();
    expect(rowIds()).toEqual([older.id]);
    expect(element().querySelector('app-dataset-upload-form')).toBeNull();
    expect(element().querySelector('[data-testid="dataset-delete"]')).toBeNull();
  });
});
