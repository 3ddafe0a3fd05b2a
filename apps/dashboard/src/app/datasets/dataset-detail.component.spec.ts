import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { signInAs } from '../access/access.testing';
import { byTestId } from '../shared/component.testing';
import { DatasetDetailComponent } from './dataset-detail.component';
import { aDataset, aDatasetDetail } from './datasets.testing';

describe('DatasetDetailComponent', () => {
  let fixture: ComponentFixture<DatasetDetailComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;
  let deleted: string[];

  const { click, text } = byTestId(() => fixture);
  const find = (testId: string): HTMLElement | null => element.querySelector(`[data-testid="${testId}"]`);
  const readRequest = (id = 'mkq3x1c00abc'): TestRequest => http.expectOne({ method: 'GET', url: `/api/datasets/${id}` });
  const deleteRequest = (): TestRequest => http.expectOne({ method: 'DELETE', url: '/api/datasets/mkq3x1c00abc' });
  const texts = (selector: string): string[] => Array.from(element.querySelectorAll(selector), (cell) => cell.textContent?.trim() ?? '');
  const show = async (id: string): Promise<void> => {
    fixture.componentRef.setInput('datasetId', id);
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator');
    fixture = TestBed.createComponent(DatasetDetailComponent);
    element = fixture.nativeElement as HTMLElement;
    deleted = [];
    fixture.componentInstance.deleted.subscribe((id) => deleted.push(id));
    await show('mkq3x1c00abc');
  });

  afterEach(() => http.verify());

  it('shows the dataset, its fields and its first records as a table, a column per field', async () => {
    expect(element.textContent).toContain('Loading…');
    readRequest().flush(aDatasetDetail(aDataset({ records: 300, fields: ['id', 'name'] }), 2));
    await fixture.whenStable();

    expect(text('dataset-title')).toBe('people');
    expect(text('dataset-records')).toBe('300');
    expect(texts('[data-testid="dataset-fields"] li')).toEqual(['id', 'name']);
    expect(texts('[data-testid="dataset-sample"] thead th')).toEqual(['Seq', 'id', 'name']);
    expect(
      Array.from(element.querySelectorAll('[data-testid="sample-row"]'), (row) =>
        texts(`[data-seq="${row.getAttribute('data-seq')}"] > *`),
      ),
    ).toEqual([
      ['1', '1', 'name 1'],
      ['2', '2', 'name 2'],
    ]);
  });

  it('reads another dataset when given its id, never showing the last one under it', async () => {
    readRequest().flush(aDatasetDetail());
    await show('mkq3x1c00xyz');
    expect(find('dataset-title')).toBeNull();
    readRequest('mkq3x1c00xyz').flush(aDatasetDetail(aDataset({ id: 'mkq3x1c00xyz', name: 'events' })));
    await fixture.whenStable();
    expect(text('dataset-title')).toBe('events');
  });

  it('shows why it could not be read', async () => {
    readRequest().flush({ statusCode: 404, message: 'dataset mkq3x1c00abc not found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(text('dataset-load-error')).toBe('dataset mkq3x1c00abc not found');
    expect(element.textContent).not.toContain('Loading…');
  });

  it('deletes it once confirmed', async () => {
    readRequest().flush(aDatasetDetail());
    await fixture.whenStable();

    await click('dataset-delete');
    expect(text('dataset-delete-question')).toBe('Delete people and its 300 records? This cannot be undone.');
    http.expectNone({ method: 'DELETE' });
    await click('dataset-delete-confirm');
    expect(find('dataset-delete-confirm')?.getAttribute('aria-disabled')).toBe('true');
    deleteRequest().flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(deleted).toEqual(['mkq3x1c00abc']);
  });

  it('keeps it when the question is answered no', async () => {
    readRequest().flush(aDatasetDetail());
    await fixture.whenStable();
    await click('dataset-delete');
    Array.from(element.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Keep it')
      ?.click();
    await fixture.whenStable();
    expect(find('dataset-delete-question')).toBeNull();
    expect(find('dataset-delete')).not.toBeNull();
  });

  it("shows a 409's message when a run still uses it", async () => {
    readRequest().flush(aDatasetDetail());
    await fixture.whenStable();
    await click('dataset-delete');
    await click('dataset-delete-confirm');
    const message = 'dataset mkq3x1c00abc is used by the active run mkq3x1d00run: stop them first';
    deleteRequest().flush({ statusCode: 409, message }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(text('dataset-delete-error')).toBe(message);
    expect(find('dataset-delete-question')).toBeNull();
    expect(deleted).toEqual([]);
  });

  it('shows a viewer the dataset with no Delete', async () => {
    signInAs('viewer');
    readRequest().flush(aDatasetDetail());
    await fixture.whenStable();
    expect(text('dataset-title')).toBe('people');
    expect(element.querySelectorAll('button')).toHaveLength(0);
  });
});
