import type { DatasetPage } from '@app/contracts';
import type { Page } from 'playwright-core';
import { byTestId, checkAndScreenshot, E2eHarness, eventually, screenshot } from './support/dashboard';

// The datasets page against the real api and Elasticsearch: files uploaded from the page as a user would, the list,
// a dataset's first records, a refused file, a cancelled upload, what a viewer sees, and a delete. Ports 4150-4153.
const h = new E2eHarness(4150);
const ROWS = 300;

beforeAll(() => h.start(), 120_000);
afterAll(() => h.stop(), 60_000);
afterEach(() => expect(h.pageErrors).toEqual([]));

/** A CSV of `rows` rows after its header; file line `badLine` (the header is line 1), when given, has a field too many. */
function peopleCsv(rows: number, badLine?: number): string {
  const lines = ['id,name,city'];
  for (let i = 1; i <= rows; i++) lines.push(i + 1 === badLine ? `${i},name ${i},city,extra` : `${i},name ${i},city ${i % 7}`);
  return `${lines.join('\n')}\n`;
}

/** Picks a file in the upload form as the file chooser would, and uploads it. */
async function upload(page: Page, fileName: string, content: string): Promise<void> {
  await byTestId(page, 'dataset-file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await byTestId(page, 'dataset-upload-submit').click();
}

/** Records stored of any upload but `datasetId`'s (after a refresh, so the latest bulks count). */
async function recordsOfOtherDatasets(datasetId: string): Promise<number> {
  const index = h.system.indices.datasetRecords;
  await h.system.es.indices.refresh({ index });
  return (await h.system.es.count({ index, query: { bool: { must_not: { term: { datasetId } } } } })).count;
}

const listed = async (): Promise<DatasetPage['items']> => (await h.api<DatasetPage>('GET', '/datasets')).items;
const cellTexts = (page: Page, selector: string): Promise<string[]> =>
  page.locator(selector).evaluateAll((cells) => cells.map((cell) => cell.textContent?.trim() ?? ''));

describe('the datasets page', () => {
  let datasetId: string;

  it(`uploads a CSV of ${ROWS} rows from the page, lists it with its record count, and shows its first records`, async () => {
    const page = await h.open('/datasets');
    await checkAndScreenshot(page, 'datasets', async () => {
      await eventually(async () => expect(await byTestId(page, 'datasets-empty').textContent()).toContain('No datasets yet.'));
      const csv = peopleCsv(ROWS);
      await upload(page, 'people.csv', csv);

      await eventually(async () =>
        expect(await byTestId(page, 'dataset-upload-outcome').textContent()).toContain('Stored people: 300 records.'),
      );
      const [stored] = await listed();
      expect(stored).toMatchObject({
        name: 'people',
        format: 'csv',
        records: ROWS,
        bytes: Buffer.byteLength(csv),
        fields: ['id', 'name', 'city'],
      });
      datasetId = stored.id;

      const row = byTestId(page, 'dataset-row');
      expect(await row.count()).toBe(1);
      expect(await row.getAttribute('data-dataset-id')).toBe(datasetId);
      expect(await byTestId(row, 'dataset-row-records').textContent()).toBe('300');
      expect(await row.textContent()).toMatch(/people\s*CSV/);

      // The new dataset is selected: its fields, then its first 20 records, a column per field.
      expect(new URL(page.url()).searchParams.get('dataset')).toBe(datasetId);
      await expectFirstRecords(page);

      // It is stored, not only shown: a new load of the page lists it and shows it again.
      await page.reload();
      await expectFirstRecords(page);
      expect(await byTestId(page, 'dataset-row').count()).toBe(1);
    });
    await page.close();
  });

  it('refuses a malformed CSV with the line named, and creates no dataset', async () => {
    const page = await h.open('/datasets');
    await checkAndScreenshot(page, 'datasets-malformed', async () => {
      await byTestId(page, 'dataset-row').first().waitFor();
      await upload(page, 'broken.csv', peopleCsv(ROWS, 120));

      const outcome = byTestId(page, 'dataset-upload-outcome');
      await eventually(async () =>
        expect(await outcome.textContent()).toContain('broken.csv was not uploaded. line 120: 4 fields where the header has 3'),
      );
      expect(await outcome.getAttribute('role')).toBe('alert');
      expect((await listed()).map((dataset) => dataset.id)).toEqual([datasetId]);
      expect(await recordsOfOtherDatasets(datasetId)).toBe(0);
      expect(await byTestId(page, 'dataset-row').count()).toBe(1);
    });
    await page.close();
  });

  it('shows the bytes sent while a slow upload goes, and Cancel aborts it: what was stored of it is removed', async () => {
    const page = await h.open('/datasets');
    // About 2 MB sent at 256 KB/s: seconds of progress to watch, while the api stores each bulk as it arrives.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    const csv = peopleCsv(80_000);
    await checkAndScreenshot(page, 'datasets-cancelled', async () => {
      await byTestId(page, 'dataset-row').first().waitFor();
      await upload(page, 'big.csv', csv);

      const bar = byTestId(page, 'dataset-upload-progress');
      expect(Number(await bar.getAttribute('max'))).toBe(Buffer.byteLength(csv));
      await eventually(async () => expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(Buffer.byteLength(csv) / 4));
      expect(await byTestId(page, 'dataset-upload-progress-text').textContent()).toMatch(/^\d+\.\d% · [\d.]+ (KB|MB) of [\d.]+ MB$/);
      await eventually(async () => expect(await recordsOfOtherDatasets(datasetId)).toBeGreaterThan(0));
      await screenshot(page, 'datasets-uploading');

      await byTestId(page, 'dataset-upload-cancel').click();
      expect(await byTestId(page, 'dataset-upload-outcome').textContent()).toContain('Upload cancelled');
      expect(await bar.count()).toBe(0);
    });
    await cdp.detach();
    await eventually(async () => expect(await recordsOfOtherDatasets(datasetId)).toBe(0));
    expect((await listed()).map((dataset) => dataset.id)).toEqual([datasetId]);
    await page.close();
  });

  it('shows a viewer the list and the records, with no upload form and no Delete', async () => {
    const page = await h.open(`/datasets?dataset=${datasetId}`, 'viewer');
    await checkAndScreenshot(page, 'datasets-viewer', async () => {
      await expectFirstRecords(page);
      expect(await byTestId(page, 'dataset-upload-form').count()).toBe(0);
      expect(await byTestId(page, 'dataset-delete').count()).toBe(0);
    });
    await page.close();
  });

  it('deletes the dataset once confirmed', async () => {
    const page = await h.open(`/datasets?dataset=${datasetId}`);
    await expectFirstRecords(page);
    await byTestId(page, 'dataset-delete').click();
    expect(await byTestId(page, 'dataset-delete-question').textContent()).toContain('Delete people and its 300 records?');
    await byTestId(page, 'dataset-delete-confirm').click();

    await eventually(async () => expect(await byTestId(page, 'datasets-empty').textContent()).toContain('No datasets yet.'));
    expect(await byTestId(page, 'dataset-detail').count()).toBe(0);
    expect(await listed()).toEqual([]);
    await page.close();
  });
});

/** The selected dataset's fields and its first 20 records: seqs 1..20, each row's cells in the fields' order. */
async function expectFirstRecords(page: Page): Promise<void> {
  await eventually(async () => expect(await byTestId(page, 'sample-row').count()).toBe(20));
  expect(await byTestId(page, 'dataset-title').textContent()).toBe('people');
  expect(await cellTexts(page, '[data-testid="dataset-fields"] li')).toEqual(['id', 'name', 'city']);
  expect(await cellTexts(page, '[data-testid="dataset-sample"] thead th')).toEqual(['Seq', 'id', 'name', 'city']);
  expect(await cellTexts(page, '[data-testid="sample-row"]:first-child > *')).toEqual(['1', '1', 'name 1', 'city 1']);
  expect(await cellTexts(page, '[data-testid="sample-row"]:last-child > *')).toEqual(['20', '20', 'name 20', 'city 6']);
}
