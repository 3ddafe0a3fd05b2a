import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Run } from '@app/contracts';
import { signInAs } from '../access/access.testing';
import { aRun } from '../shared/run.testing';
import { RunListComponent } from './run-list.component';

describe('RunListComponent', () => {
  /** The elements whose size was read, as they were then: the hidden card is gone by the time a test looks. */
  let measured: HTMLElement[];

  const render = async (runs: readonly Run[]): Promise<HTMLElement> => {
    const fixture = TestBed.createComponent(RunListComponent);
    fixture.componentRef.setInput('runs', runs);
    fixture.componentRef.setInput('loaded', runs.length > 0);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    signInAs('viewer');
    measured = [];
    const read = HTMLElement.prototype.getBoundingClientRect;
    jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      measured.push(this.cloneNode(true) as HTMLElement);
      return read.call(this);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('lays out one hidden, inert card at its first render with no runs, then shows only the empty state', async () => {
    const element = await render([]);

    expect(measured).toHaveLength(1);
    const [card] = measured;
    expect(card.tagName).toBe('APP-RUN-CARD');
    expect(card.classList).toContain('warm-up');
    expect(card.getAttribute('aria-hidden')).toBe('true');
    expect(card.hasAttribute('inert')).toBe(true);
    expect(card.querySelector('[data-testid="counter-processed"]')?.textContent).toBe('900');
    expect(element.querySelector('app-run-card')).toBeNull();
    expect(element.textContent?.trim()).toBe('Waiting for the live feed…');
  });

  it('builds no hidden card when its first render has runs', async () => {
    const element = await render([aRun({ id: 'r-2', createdAt: '2026-11-23T10:30:00.000Z' }), aRun({ id: 'r-1' })]);

    expect(measured).toEqual([]);
    expect(Array.from(element.querySelectorAll('app-run-card h3'), (heading) => heading.textContent?.trim())).toEqual([
      'Run r-2',
      'Run r-1',
    ]);
  });
});
