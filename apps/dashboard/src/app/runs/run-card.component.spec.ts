import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Run } from '@app/contracts';
import { signInAs } from '../access/access.testing';
import { aRun } from '../shared/run.testing';
import { RunCardComponent } from './run-card.component';

describe('RunCardComponent', () => {
  let fixture: ComponentFixture<RunCardComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;
  let changed: Run[];

  const show = async (run: Run): Promise<void> => {
    fixture.componentRef.setInput('run', run);
    await fixture.whenStable();
  };
  const editButton = (): HTMLButtonElement | null => element.querySelector<HTMLButtonElement>('button.edit');

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator');
    fixture = TestBed.createComponent(RunCardComponent);
    element = fixture.nativeElement as HTMLElement;
    changed = [];
    fixture.componentInstance.changed.subscribe((run) => changed.push(run));
    await show(aRun({ id: 'r-1' }));
  });

  afterEach(() => http.verify());

  it('links to its detail page, except on that page', async () => {
    expect(element.querySelector('[data-testid="run-link"]')?.getAttribute('href')).toBe('/runs/r-1');
    fixture.componentRef.setInput('linked', false);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="run-link"]')).toBeNull();
    expect(element.querySelector('h3')?.textContent?.trim()).toBe('Run r-1');
  });

  it('shows its counters, each findable by a test id', () => {
    const counter = (name: string): string => element.querySelector(`[data-testid="counter-${name}"]`)?.textContent?.trim() ?? '';
    expect(element.querySelector('[data-testid="run-card"]')?.getAttribute('data-run-id')).toBe('r-1');
    expect([counter('published'), counter('processed'), counter('failed'), counter('queued')]).toEqual(['100', '80', '5', '15']);
    expect(counter('target-rate')).toBe('600/min');
    expect(counter('measured-rate')).toBe('598.4/min');
    expect(counter('eta')).toBe('1m 31s');
  });

  it('says when the run is throttled, and why', async () => {
    expect(element.querySelector('.throttled')).toBeNull();
    await show(aRun({ id: 'r-1', throttled: true, throttleReason: '9000 jobs queued, over the limit of 6000' }));
    expect(element.querySelector('.throttled')?.textContent?.trim()).toBe('Throttled');
    expect(element.querySelector('.throttle-reason')?.textContent?.trim()).toBe('9000 jobs queued, over the limit of 6000');
  });

  it('offers Edit only while the run can change', async () => {
    expect(editButton()).not.toBeNull();
    await show(aRun({ id: 'r-1', status: 'paused' }));
    expect(editButton()).not.toBeNull();
    await show(aRun({ id: 'r-1', status: 'completed' }));
    expect(editButton()).toBeNull();
    expect(element.querySelectorAll('app-run-actions button')).toHaveLength(0);
  });

  it('opens the editor inline and closes it when the run ends', async () => {
    editButton()?.click();
    await fixture.whenStable();
    expect(editButton()?.getAttribute('aria-expanded')).toBe('true');
    expect(editButton()?.getAttribute('aria-controls')).toBe('run-r-1-editor');
    expect(element.querySelector('app-edit-run-form#run-r-1-editor form')).not.toBeNull();

    await show(aRun({ id: 'r-1', status: 'stopped' }));
    expect(element.querySelector('app-edit-run-form')).toBeNull();
  });

  it('passes on the run the server answered with and closes the editor after a change', async () => {
    editButton()?.click();
    await fixture.whenStable();
    const total = element.querySelector<HTMLInputElement>('#edit-r-1-total') as HTMLInputElement;
    total.value = '3000';
    total.dispatchEvent(new Event('input'));
    element.querySelector('app-edit-run-form form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();

    const run = aRun({ id: 'r-1', total: 3000 });
    http.expectOne({ method: 'PATCH', url: '/api/runs/r-1' }).flush(run);
    await fixture.whenStable();
    expect(changed).toEqual([run]);
    expect(element.querySelector('app-edit-run-form')).toBeNull();
    expect(document.activeElement === editButton() || !document.body.contains(editButton())).toBe(true);
    expect(editButton()?.getAttribute('aria-expanded')).toBe('false');
  });

  it('passes on the answer to pause', async () => {
    element.querySelector<HTMLButtonElement>('app-run-actions button')?.click();
    const paused = aRun({ id: 'r-1', status: 'paused' });
    http.expectOne({ method: 'POST', url: '/api/runs/r-1/pause' }).flush(paused);
    await fixture.whenStable();
    expect(changed).toEqual([paused]);
  });

  it('shows a viewer the run but none of its controls', async () => {
    signInAs('viewer');
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="counter-processed"]')?.textContent?.trim()).toBe('80');
    expect(editButton()).toBeNull();
    expect(element.querySelector('app-run-actions')).toBeNull();
    expect(element.querySelectorAll('button')).toHaveLength(0);
  });
});
