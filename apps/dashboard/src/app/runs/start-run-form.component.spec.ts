import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Dataset, DatasetPage, Run } from '@app/contracts';
import { aRun } from '../shared/run.testing';
import { StartRunFormComponent } from './start-run-form.component';

/** A signing secret as the api makes them, made here rather than written out. */
const SECRET = `whsec_${btoa('a signing secret, 24 b.')}`;

describe('StartRunFormComponent', () => {
  let fixture: ComponentFixture<StartRunFormComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const input = (id: string): HTMLInputElement => element.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  const type = (id: string, value: string): void => {
    const field = input(id);
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  const submit = async (): Promise<void> => {
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  const choose = async (id: string, value: string): Promise<void> => {
    const select = element.querySelector<HTMLSelectElement>(`#${id}`) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  };
  const click = async (selector: string): Promise<void> => {
    element.querySelector<HTMLElement>(selector)?.click();
    await fixture.whenStable();
  };
  const optionsOf = (id: string): string[] =>
    Array.from(element.querySelectorAll<HTMLOptionElement>(`#${id} option`), (option) => option.value);
  const errorsOf = (id: string): string[] =>
    Array.from(element.querySelectorAll(`#${id}-errors li`), (item) => item.textContent?.trim() ?? '');

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    fixture = TestBed.createComponent(StartRunFormComponent);
    http = TestBed.inject(HttpTestingController);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('labels its fields', () => {
    expect(element.querySelector('label[for="run-total"]')?.textContent).toContain('Total jobs');
    expect(element.querySelector('label[for="run-rate"]')?.textContent).toContain('Rate (jobs per minute)');
  });

  it('posts the values and emits the created run', async () => {
    const created: Run[] = [];
    fixture.componentInstance.created.subscribe((run) => created.push(run));
    type('run-total', '5000');
    type('run-rate', '1200.5');
    await submit();

    const request = http.expectOne({ method: 'POST', url: '/api/runs' });
    expect(request.request.body).toEqual({ total: 5000, ratePerMinute: 1200.5, processor: 'square' });
    expect(element.querySelector('button[type="submit"]')?.hasAttribute('disabled')).toBe(true);

    const run = aRun({ id: 'r-42', total: 5000 });
    request.flush(run, { status: 201, statusText: 'Created' });
    await fixture.whenStable();

    expect(created).toEqual([run]);
    expect(element.querySelector('.started')?.textContent).toContain('r-42');
    expect(element.querySelector('button[type="submit"]')?.hasAttribute('disabled')).toBe(false);
  });

  it('posts the processor chosen, each described', async () => {
    const select = element.querySelector<HTMLSelectElement>('#run-processor') as HTMLSelectElement;
    expect(Array.from(select.options, (option) => option.value)).toEqual(['square', 'flaky', 'poison', 'http', 'hash']);
    expect(select.options[2].textContent).toContain('always fails');
    select.value = 'poison';
    select.dispatchEvent(new Event('change'));
    await submit();
    const request = http.expectOne({ method: 'POST', url: '/api/runs' });
    expect(request.request.body).toEqual({ total: 1000, ratePerMinute: 600, processor: 'poison' });
    request.flush(aRun({ processor: 'poison' }), { status: 201, statusText: 'Created' });
  });

  it('posts a duration instead of a rate when the pace is given as a duration', async () => {
    input('run-pace-duration').click();
    await fixture.whenStable();
    expect(input('run-rate')).toBeNull();
    expect(element.querySelector('label[for="run-duration"]')?.textContent).toContain('Duration (minutes)');

    type('run-total', '6000');
    type('run-duration', '2.5');
    await submit();
    const request = http.expectOne({ method: 'POST', url: '/api/runs' });
    expect(request.request.body).toEqual({ total: 6000, durationMinutes: 2.5, processor: 'square' });
    request.flush(aRun({ id: 'r-43' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();

    type('run-duration', '');
    await submit();
    http.expectNone('/api/runs');
    expect(errorsOf('run-duration')).toEqual(['Enter the duration in minutes.']);
  });

  it('shows a duration message next to the duration field', async () => {
    input('run-pace-duration').click();
    await fixture.whenStable();
    await submit();
    http
      .expectOne('/api/runs')
      .flush(
        { statusCode: 400, message: ['durationMinutes must be a positive number'], error: 'Bad Request' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(errorsOf('run-duration')).toEqual(['Duration (minutes) must be a positive number']);
  });

  it("checks each value by the api's rules before sending, saying what the api would next to its field", async () => {
    type('run-total', '0');
    type('run-rate', '700000');
    await submit();
    http.expectNone('/api/runs');
    expect(errorsOf('run-total')).toEqual(['Total jobs must be an integer from 1 to 100,000,000']);
    expect(errorsOf('run-rate')).toEqual(['Rate (jobs per minute) must be a number from 1 to 600,000']);
    expect(input('run-total').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows each 400 message next to its field and the others in the general line', async () => {
    await submit();
    http.expectOne('/api/runs').flush(
      {
        statusCode: 400,
        message: [
          'total must be an integer from 1 to 100,000,000',
          'ratePerMinute must be a number from 1 to 600,000',
          'property foo should not exist',
        ],
        error: 'Bad Request',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(errorsOf('run-total')).toEqual(['Total jobs must be an integer from 1 to 100,000,000']);
    expect(errorsOf('run-rate')).toEqual(['Rate (jobs per minute) must be a number from 1 to 600,000']);
    expect(input('run-total').getAttribute('aria-invalid')).toBe('true');
    expect(input('run-total').getAttribute('aria-describedby')).toContain('run-total-errors');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('property foo should not exist');

    type('run-total', '10');
    await fixture.whenStable();
    expect(errorsOf('run-total')).toEqual([]);
    expect(input('run-total').getAttribute('aria-invalid')).toBe('false');
    expect(errorsOf('run-rate')).toEqual(['Rate (jobs per minute) must be a number from 1 to 600,000']);
  });

  it('reports an unreachable server in the general line', async () => {
    await submit();
    http.expectOne('/api/runs').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('cannot be reached');
  });

  it('asks for empty fields without calling the server', async () => {
    type('run-total', '');
    await submit();
    http.expectNone('/api/runs');
    expect(errorsOf('run-total')).toEqual(['Enter the total number of jobs.']);
    expect(errorsOf('run-rate')).toEqual([]);
  });

  describe('over a dataset', () => {
    const dataset = (id: string, name: string, records: number): Dataset => ({
      id,
      name,
      format: 'csv',
      records,
      bytes: records * 40,
      fields: ['id'],
      createdAt: '2026-11-23T10:00:00.000Z',
    });
    const page: DatasetPage = { items: [dataset('ds0000002bbb', 'orders', 120), dataset('ds0000001aaa', 'users', 7)], nextCursor: null };

    const useDatasets = async (answer: DatasetPage = page): Promise<void> => {
      await click('#run-source-dataset');
      http.expectOne({ method: 'GET', url: '/api/datasets?limit=100' }).flush(answer);
      await fixture.whenStable();
    };

    it('offers the newest datasets, the newest chosen, and leaves the total to its record count', async () => {
      await useDatasets();
      expect(optionsOf('run-dataset')).toEqual(['ds0000002bbb', 'ds0000001aaa']);
      expect(element.querySelector('#run-dataset option')?.textContent).toContain('orders · 120 records');
      expect(input('run-total').value).toBe('');
      expect(input('run-total').getAttribute('placeholder')).toBe('120');
      expect(input('run-total').required).toBe(false);
      await choose('run-dataset', 'ds0000001aaa');
      expect(input('run-total').getAttribute('placeholder')).toBe('7');
    });

    it('offers only the processors that take a record, switching to http, and posts the run over the dataset', async () => {
      await useDatasets();
      expect(optionsOf('run-processor')).toEqual(['http', 'hash']);
      expect((element.querySelector('#run-processor') as HTMLSelectElement).value).toBe('http');
      type('run-target-url', 'http://127.0.0.1:5640/in');
      await submit();

      const request = http.expectOne({ method: 'POST', url: '/api/runs' });
      expect(request.request.body).toEqual({
        datasetId: 'ds0000002bbb',
        ratePerMinute: 600,
        processor: 'http',
        target: { url: 'http://127.0.0.1:5640/in', method: 'POST' },
      });
      request.flush(aRun({ processor: 'http' }), { status: 201, statusText: 'Created' });
    });

    it('says when there is no dataset yet, and asks for one rather than sending', async () => {
      await useDatasets({ items: [], nextCursor: null });
      expect(element.querySelector('#run-dataset-hint')?.textContent).toContain('No dataset has been uploaded yet');
      await submit();
      http.expectNone('/api/runs');
      expect(errorsOf('run-dataset')).toEqual(['Choose a dataset.']);
    });

    it('says why the list could not be read, and reads it again on request', async () => {
      await click('#run-source-dataset');
      http.expectOne('/api/datasets?limit=100').error(new ProgressEvent('error'), { status: 0, statusText: '' });
      await fixture.whenStable();
      expect(element.querySelector('.failure[role="alert"]')?.textContent).toContain('cannot be reached');

      await click('.failure button');
      http.expectOne('/api/datasets?limit=100').flush(page);
      await fixture.whenStable();
      expect(optionsOf('run-dataset')).toEqual(['ds0000002bbb', 'ds0000001aaa']);
      expect(element.querySelector('.failure')).toBeNull();
    });

    it('needs a total again for generated numbers', async () => {
      await useDatasets();
      await click('#run-source-generated');
      expect(input('run-total').value).toBe('1000');
      expect(input('run-total').required).toBe(true);
      expect(optionsOf('run-processor')).toEqual(['square', 'flaky', 'poison', 'http', 'hash']);
    });
  });

  describe('an http run', () => {
    beforeEach(() => choose('run-processor', 'http'));

    it('posts its target: URL, method, headers, timeout and concurrency, and a completion callback', async () => {
      type('run-target-url', 'https://example.com/in');
      await choose('run-target-method', 'PUT');
      await click('[data-testid="add-header"]');
      await click('[data-testid="add-header"]');
      type('run-target-headers-name-0', 'Authorization');
      type('run-target-headers-value-0', 'Bearer abc');
      type('run-target-headers-name-1', 'x-dropped');
      await click('[aria-label="Remove header 2"]');
      type('run-target-timeout', '2500');
      type('run-target-concurrency', '8');
      type('run-notify-url', 'https://example.com/done');
      await submit();

      const request = http.expectOne({ method: 'POST', url: '/api/runs' });
      expect(request.request.body).toEqual({
        total: 1000,
        ratePerMinute: 600,
        processor: 'http',
        target: { url: 'https://example.com/in', method: 'PUT', headers: { Authorization: 'Bearer abc' }, timeoutMs: 2500, concurrency: 8 },
        notify: { url: 'https://example.com/done' },
      });
      request.flush(aRun({ processor: 'http' }), { status: 201, statusText: 'Created' });
    });

    it("says what is wrong with the target next to each field, as the api's rules have it", async () => {
      type('run-target-url', 'example.com/in');
      await click('[data-testid="add-header"]');
      type('run-target-headers-name-0', 'Idempotency-Key');
      type('run-target-timeout', '50');
      await submit();

      http.expectNone('/api/runs');
      expect(errorsOf('run-target-url')).toEqual(['Target URL must be an absolute http or https URL of at most 2,048 characters']);
      expect(errorsOf('run-target-headers')).toEqual(['Headers: Idempotency-Key is set by the platform and cannot be replaced']);
      expect(errorsOf('run-target-timeout')).toEqual(['Timeout (ms) must be an integer from 100 to 120,000']);

      type('run-target-headers-name-0', 'x-fine');
      await fixture.whenStable();
      expect(errorsOf('run-target-headers')).toEqual([]);
      expect(errorsOf('run-target-url')).toHaveLength(1);
    });

    it("puts the api's refusal of the host next to the URL", async () => {
      type('run-target-url', 'http://10.0.0.1/in');
      await submit();
      http.expectOne('/api/runs').flush(
        {
          statusCode: 400,
          message: 'target.url host 10.0.0.1 is not in HTTP_TARGET_ALLOWLIST (127.0.0.1, localhost)',
          error: 'Bad Request',
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await fixture.whenStable();
      expect(errorsOf('run-target-url')).toEqual(['Target URL host 10.0.0.1 is not in HTTP_TARGET_ALLOWLIST (127.0.0.1, localhost)']);
    });

    it('shows the signing secret once, and emits the run without it', async () => {
      const created: Run[] = [];
      fixture.componentInstance.created.subscribe((run) => created.push(run));
      type('run-target-url', 'http://127.0.0.1:5640/in');
      await submit();
      const run = aRun({ id: 'r-http', processor: 'http' });
      http.expectOne('/api/runs').flush({ ...run, secret: SECRET }, { status: 201, statusText: 'Created' });
      await fixture.whenStable();

      expect(created).toEqual([run]);
      expect(element.querySelector('[data-testid="signing-secret-value"]')?.textContent).toBe(SECRET);
      expect(element.querySelector('.started')?.textContent).toContain('signing secret is below');

      await click('[data-testid="dismiss-secret"]');
      expect(element.querySelector('[data-testid="signing-secret"]')).toBeNull();
    });
  });

  it("posts a hash run's rounds", async () => {
    await choose('run-processor', 'hash');
    expect(input('run-rounds').getAttribute('placeholder')).toBe('1000');
    type('run-rounds', '5000');
    await submit();
    const request = http.expectOne({ method: 'POST', url: '/api/runs' });
    expect(request.request.body).toEqual({ total: 1000, ratePerMinute: 600, processor: 'hash', rounds: 5000 });
    request.flush(aRun({ processor: 'hash' }), { status: 201, statusText: 'Created' });
  });
});
