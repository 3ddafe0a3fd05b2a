import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { Run, RunStatus } from '@app/contracts';
import { aRun } from '../shared/run.testing';
import { RunActionsComponent } from './run-actions.component';

describe('RunActionsComponent', () => {
  let fixture: ComponentFixture<RunActionsComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;
  let changed: Run[];

  const buttons = (): HTMLButtonElement[] => Array.from(element.querySelectorAll('button'));
  const labels = (): string[] => buttons().map((button) => button.textContent?.trim() ?? '');
  const show = async (status: RunStatus): Promise<void> => {
    fixture.componentRef.setInput('run', aRun({ id: 'r-1', status }));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RunActionsComponent);
    element = fixture.nativeElement as HTMLElement;
    changed = [];
    fixture.componentInstance.changed.subscribe((run) => changed.push(run));
    await show('running');
  });

  afterEach(() => http.verify());

  it('offers what the status allows', async () => {
    expect(labels()).toEqual(['Pause', 'Stop']);
    await show('paused');
    expect(labels()).toEqual(['Resume', 'Stop']);
    await show('stopped');
    expect(labels()).toEqual([]);
    await show('completed');
    expect(labels()).toEqual([]);
  });

  it('sends the action, disables the buttons meanwhile and emits the answer', async () => {
    buttons()[0].click();
    await fixture.whenStable();

    const request = http.expectOne({ method: 'POST', url: '/api/runs/r-1/pause' });
    expect(labels()).toEqual(['Pausing…', 'Stop']);
    expect(buttons().every((button) => button.getAttribute('aria-disabled') === 'true')).toBe(true);
    buttons()[1].click();
    http.expectNone('/api/runs/r-1/stop');

    const paused = aRun({ id: 'r-1', status: 'paused' });
    request.flush(paused);
    await fixture.whenStable();
    expect(changed).toEqual([paused]);
    expect(buttons().every((button) => button.getAttribute('aria-disabled') === 'false')).toBe(true);
  });

  it('keeps the focused button when pause turns into resume', async () => {
    const first = buttons()[0];
    await show('paused');
    expect(buttons()[0]).toBe(first);
    expect(first.textContent?.trim()).toBe('Resume');
  });

  it("shows the server's reason when it refuses, until the next try", async () => {
    buttons()[1].click();
    http
      .expectOne({ method: 'POST', url: '/api/runs/r-1/stop' })
      .flush({ statusCode: 409, message: 'run r-1 is already completed', error: 'Conflict' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe('run r-1 is already completed');
    expect(changed).toEqual([]);
    expect(buttons().every((button) => button.getAttribute('aria-disabled') === 'false')).toBe(true);

    buttons()[0].click();
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
    http.expectOne('/api/runs/r-1/pause').flush(aRun({ id: 'r-1', status: 'paused' }));
  });

  it('says so when the server cannot be reached', async () => {
    buttons()[0].click();
    http.expectOne('/api/runs/r-1/pause').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('cannot be reached');
  });
});
