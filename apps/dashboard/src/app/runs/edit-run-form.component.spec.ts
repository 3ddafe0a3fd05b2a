import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { Run } from '@app/contracts';
import { aRun } from '../shared/run.testing';
import { EditRunFormComponent } from './edit-run-form.component';

describe('EditRunFormComponent', () => {
  let fixture: ComponentFixture<EditRunFormComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;
  let changed: Run[];
  let closed: number;

  const input = (name: string): HTMLInputElement => element.querySelector<HTMLInputElement>(`#edit-r-1-${name}`) as HTMLInputElement;
  const type = async (name: string, value: string): Promise<void> => {
    const field = input(name);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const choosePace = async (value: 'rate' | 'duration'): Promise<void> => {
    input(`pace-${value}`).click();
    await fixture.whenStable();
  };
  const apply = async (): Promise<void> => {
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  const previewOf = (term: string): string | undefined =>
    Array.from(element.querySelectorAll('.preview dl > div'))
      .find((item) => item.querySelector('dt')?.textContent?.trim() === term)
      ?.querySelector('dd')
      ?.textContent?.trim();
  const errorsOf = (name: string): string[] =>
    Array.from(element.querySelectorAll(`#edit-r-1-${name}-errors li`), (item) => item.textContent?.trim() ?? '');
  const alertText = (): string => element.querySelector('[role="alert"]')?.textContent?.trim() ?? '';

  const open = async (run: Run): Promise<void> => {
    fixture = TestBed.createComponent(EditRunFormComponent);
    fixture.componentRef.setInput('run', run);
    element = fixture.nativeElement as HTMLElement;
    fixture.componentInstance.changed.subscribe((value) => changed.push(value));
    fixture.componentInstance.closed.subscribe(() => (closed += 1));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    changed = [];
    closed = 0;
    // 1000 jobs at 600/min: 100 published, 80 processed, 5 failed.
    await open(aRun({ id: 'r-1', total: 1000, ratePerMinute: 600, published: 100, processed: 80, failed: 5 }));
  });

  afterEach(() => http.verify());

  it("opens prefilled with the run's values and previews them", () => {
    expect(input('total').value).toBe('1000');
    expect(input('rate').value).toBe('600');
    expect(input('duration')).toBeNull();
    // (1000 - 85) / 600 min = 91.5 s.
    expect(previewOf('New ETA')).toBe('1m 32s');
    expect(previewOf('Finish time')).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    expect(previewOf('Rate')).toBe('600/min');
  });

  it('previews the entered values before anything is sent', async () => {
    await type('total', '2000');
    await type('rate', '60');
    // (2000 - 85) jobs at 60/min.
    expect(previewOf('New ETA')).toBe('31m 55s');
    await choosePace('duration');
    await type('duration', '19');
    // (2000 - 100) / 19 = 100/min.
    expect(previewOf('Rate')).toBe('100/min');
    expect(previewOf('New ETA')).toBe('19m 09s');
    await type('total', '50');
    expect(element.querySelector('.preview dl')).toBeNull();
    expect(element.querySelector('.preview .note')?.textContent).toContain('cannot be lower than the 100 jobs already published');
  });

  it('says "Paused" instead of a finish time for a paused run', async () => {
    fixture.componentRef.setInput('run', aRun({ id: 'r-1', status: 'paused', total: 1000, published: 100, processed: 80, failed: 5 }));
    await fixture.whenStable();
    expect(previewOf('Finish time')).toBe('Paused');
    expect(element.querySelector('.preview .note')?.textContent).toContain('counts from when it resumes');
  });

  it('sends only the fields that changed, then emits the run and closes', async () => {
    await type('total', '5000');
    await apply();

    const request = http.expectOne({ method: 'PATCH', url: '/api/runs/r-1' });
    expect(request.request.body).toEqual({ total: 5000 });
    expect(element.querySelector('button[type="submit"]')?.getAttribute('aria-disabled')).toBe('true');
    await apply();
    http.expectNone('/api/runs/r-1');

    const run = aRun({ id: 'r-1', total: 5000 });
    request.flush(run);
    await fixture.whenStable();
    expect(changed).toEqual([run]);
    expect(closed).toBe(1);
  });

  it('sends a duration instead of a rate in duration mode', async () => {
    await choosePace('duration');
    await type('duration', '30');
    await apply();
    expect(http.expectOne({ method: 'PATCH', url: '/api/runs/r-1' }).request.body).toEqual({ durationMinutes: 30 });
  });

  it('sends nothing when nothing changed', async () => {
    await apply();
    http.expectNone('/api/runs/r-1');
    expect(alertText()).toContain('Nothing to apply');
  });

  it('asks for an emptied field without calling the server', async () => {
    await type('rate', '');
    await apply();
    http.expectNone('/api/runs/r-1');
    expect(errorsOf('rate')).toEqual(['Enter the rate in jobs per minute.']);
  });

  it("shows a 400's messages next to their fields", async () => {
    await type('total', '0');
    await type('rate', '0');
    await apply();
    http.expectOne('/api/runs/r-1').flush(
      {
        statusCode: 400,
        message: ['total must be an integer from 1 to 100,000,000', 'ratePerMinute must be a number from 1 to 600,000'],
        error: 'Bad Request',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(errorsOf('total')).toEqual(['Total jobs must be an integer from 1 to 100,000,000']);
    expect(errorsOf('rate')).toEqual(['Rate (jobs per minute) must be a number from 1 to 600,000']);
    expect(input('total').getAttribute('aria-invalid')).toBe('true');
    expect(closed).toBe(0);

    await type('total', '10');
    expect(errorsOf('total')).toEqual([]);
    expect(errorsOf('rate')).toHaveLength(1);
  });

  it("shows a 409's message as a form-level error and stays open", async () => {
    await type('total', '101');
    await apply();
    http
      .expectOne('/api/runs/r-1')
      .flush(
        { statusCode: 409, message: 'total cannot be lower than the 1234 records already published', error: 'Conflict' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();

    expect(alertText()).toBe('total cannot be lower than the 1234 records already published');
    expect(errorsOf('total')).toEqual([]);
    expect(changed).toEqual([]);
    expect(closed).toBe(0);
    expect(element.querySelector('button[type="submit"]')?.getAttribute('aria-disabled')).toBe('false');
  });

  it('closes on Cancel without sending anything', async () => {
    await type('total', '5000');
    Array.from(element.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Cancel')
      ?.click();
    await fixture.whenStable();
    http.expectNone('/api/runs/r-1');
    expect(closed).toBe(1);
  });
});
