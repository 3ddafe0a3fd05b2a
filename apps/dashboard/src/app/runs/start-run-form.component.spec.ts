import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { Run } from '@app/contracts';
import { aRun } from '../shared/run.testing';
import { StartRunFormComponent } from './start-run-form.component';

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
  const errorsOf = (id: string): string[] =>
    Array.from(element.querySelectorAll(`#${id}-errors li`), (item) => item.textContent?.trim() ?? '');

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
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

  it('shows each 400 message next to its field and the others in the general line', async () => {
    type('run-total', '0');
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
});
