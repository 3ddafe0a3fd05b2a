import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { DeliveryStats } from '@app/contracts';
import { byTestId, fakeIntervalsOnly } from '../shared/component.testing';
import { DeliveriesPanelComponent } from './deliveries-panel.component';

const URL = '/api/runs/r-1/deliveries';

const stats = (delivered: number, overrides: Partial<DeliveryStats> = {}): DeliveryStats => ({
  total: delivered + 2,
  byStatusClass: { '2xx': delivered, '3xx': 0, '4xx': 1, '5xx': 0 },
  noAnswer: 1,
  latencyMs: { p50: 8, p95: 31.25 },
  ...overrides,
});

describe('DeliveriesPanelComponent', () => {
  let fixture: ComponentFixture<DeliveriesPanelComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;
  const { text } = byTestId(() => fixture);

  const counts = (): string[][] =>
    Array.from(element.querySelectorAll('[data-testid="delivery-count"]'), (item) => [
      item.getAttribute('data-status-class') ?? '',
      item.querySelector('.count')?.textContent?.trim() ?? '',
    ]);

  beforeEach(async () => {
    // The reads are paced on RxJS's async scheduler, which runs on intervals: those alone are faked.
    fakeIntervalsOnly();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DeliveriesPanelComponent);
    fixture.componentRef.setInput('runId', 'r-1');
    fixture.componentRef.setInput('ended', 0);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('reads the stats at once and shows the counts by status class, the unanswered, and the latency', async () => {
    expect(text('deliveries-loading')).toBe('Reading the deliveries…');
    http.expectOne(URL).flush(stats(40));
    await fixture.whenStable();

    expect(text('deliveries-total')).toBe('42 records delivered or dead-lettered so far');
    expect(counts()).toEqual([
      ['2xx', '40'],
      ['3xx', '0'],
      ['4xx', '1'],
      ['5xx', '0'],
      ['none', '1'],
    ]);
    expect(text('deliveries-latency')).toContain('Latency of the final answers');
    expect(element.querySelector('[data-testid="deliveries-latency"] .value')?.textContent).toBe('p50 8 ms · p95 31.3 ms');
  });

  it('reads them again as the counters move, at most once a second', async () => {
    http.expectOne(URL).flush(stats(1));
    await fixture.whenStable();

    fixture.componentRef.setInput('ended', 5);
    await fixture.whenStable();
    fixture.componentRef.setInput('ended', 9);
    await fixture.whenStable();
    expect(http.match(URL)).toEqual([]);

    jest.advanceTimersByTime(1_000);
    await fixture.whenStable();
    http.expectOne(URL).flush(stats(7));
    await fixture.whenStable();
    expect(text('deliveries-total')).toBe('9 records delivered or dead-lettered so far');
  });

  it('keeps the last figures through a failed read, and says why', async () => {
    http.expectOne(URL).flush(stats(1));
    await fixture.whenStable();

    fixture.componentRef.setInput('ended', 5);
    jest.advanceTimersByTime(1_000);
    await fixture.whenStable();
    http.expectOne(URL).flush({ statusCode: 500, message: 'Internal server error' }, { status: 500, statusText: 'Internal Server Error' });
    await fixture.whenStable();

    expect(text('deliveries-error')).toBe('Could not read the deliveries: the server answered 500 Internal Server Error.');
    expect(text('deliveries-total')).toBe('3 records delivered or dead-lettered so far');
  });

  it('says there is no latency before any answer', async () => {
    http
      .expectOne(URL)
      .flush(stats(0, { total: 0, byStatusClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, noAnswer: 0, latencyMs: null }));
    await fixture.whenStable();
    expect(text('deliveries-total')).toBe('0 records delivered or dead-lettered so far');
    expect(text('deliveries-latency')).toContain('No answer yet.');
  });
});
