import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { signInAs } from '../access/access.testing';
import { LIVE_SOCKET } from '../live/live-socket';
import { FakeLiveSocket } from '../live/live.testing';
import { aRun } from '../shared/run.testing';
import { RunDetailPageComponent } from './run-detail-page.component';
import { FakeChart, provideFakeEcharts } from './run-detail.testing';
import { RunHistoryChartComponent } from './run-history-chart.component';

describe('RunDetailPageComponent', () => {
  let socket: FakeLiveSocket;
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let element: HTMLElement;

  const counter = (name: string): string => element.querySelector(`[data-testid="counter-${name}"]`)?.textContent?.trim() ?? '';
  /** The panels' own reads (history, results, failures): answered empty, they are tested on their own. */
  const answerPanels = async (): Promise<void> => {
    http.expectOne('/api/runs/r-1/history').flush({ runId: 'r-1', samples: [], marks: [] });
    http.expectOne((request) => request.url === '/api/runs/r-1/results').flush({ items: [], total: 0, nextCursor: null });
    http.expectOne((request) => request.url === '/api/runs/r-1/failures').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
  };

  beforeEach(async () => {
    socket = new FakeLiveSocket();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'runs/:id', component: RunDetailPageComponent }], withComponentInputBinding()),
        provideFakeEcharts(new FakeChart()),
        { provide: LIVE_SOCKET, useFactory: () => socket.asSocket() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator');
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/runs/r-1');
    element = harness.routeNativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  it('reads the run by its id, then shows it with its chart, results, failures and audit', async () => {
    expect(element.querySelector('[data-testid="run-detail-loading"]')?.textContent).toContain('r-1');
    http.expectOne({ method: 'GET', url: '/api/runs/r-1' }).flush(aRun({ id: 'r-1', version: 10, processed: 80 }));
    await harness.fixture.whenStable();
    await answerPanels();

    expect(element.querySelector('[data-testid="run-detail"]')?.getAttribute('data-run-id')).toBe('r-1');
    expect(element.querySelector('[data-testid="run-card"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="run-link"]')).toBeNull();
    expect(counter('processed')).toBe('80');
    expect(element.querySelector('[data-testid="history-chart"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="results-table"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="replay-button"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="audit-button"]')).not.toBeNull();
  });

  it("shows an http run's deliveries, and no deliveries panel for other runs", async () => {
    http.expectOne('/api/runs/r-1').flush(aRun({ id: 'r-1', processor: 'http', processed: 80, failed: 5 }));
    await harness.fixture.whenStable();
    await answerPanels();
    http
      .expectOne('/api/runs/r-1/deliveries')
      .flush({ total: 85, byStatusClass: { '2xx': 80, '3xx': 0, '4xx': 5, '5xx': 0 }, noAnswer: 0, latencyMs: { p50: 3, p95: 9 } });
    await harness.fixture.whenStable();
    expect(element.querySelector('[data-testid="deliveries-panel"] h2')?.textContent).toBe('Deliveries');
    expect(element.querySelector('[data-testid="deliveries-total"]')?.textContent).toContain('85 records');

    await harness.navigateByUrl('/runs/r-2');
    element = harness.routeNativeElement as HTMLElement;
    http.expectOne('/api/runs/r-2').flush(aRun({ id: 'r-2', processor: 'square' }));
    await harness.fixture.whenStable();
    http.match(() => true).forEach((request) => request.flush({ items: [], total: 0, nextCursor: null, samples: [], marks: [] }));
    await harness.fixture.whenStable();
    expect(element.querySelector('[data-run-id="r-2"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="deliveries-panel"]')).toBeNull();
  });

  it('follows the live feed, never going back to a lower version', async () => {
    http.expectOne('/api/runs/r-1').flush(aRun({ id: 'r-1', version: 10, processed: 80 }));
    await harness.fixture.whenStable();
    await answerPanels();

    socket.receive('snapshot', [aRun({ id: 'r-1', version: 30, processed: 300 })]);
    await harness.fixture.whenStable();
    expect(counter('processed')).toBe('300');
    // The results table counts its results again as the processed count moves.
    http.expectOne('/api/runs/r-1/results?size=1').flush({ items: [], total: 0, nextCursor: null });

    socket.receive('run', aRun({ id: 'r-1', version: 29, processed: 290 }));
    await harness.fixture.whenStable();
    expect(counter('processed')).toBe('300');
  });

  it("reads the history while a stopped run's queue drains, and once more when it has", async () => {
    const chart = (): RunHistoryChartComponent =>
      harness.fixture.debugElement.query(By.directive(RunHistoryChartComponent)).componentInstance as RunHistoryChartComponent;
    http.expectOne('/api/runs/r-1').flush(aRun({ id: 'r-1', version: 10, status: 'stopped', published: 100, processed: 80, failed: 5 }));
    await harness.fixture.whenStable();
    await answerPanels();
    expect(chart().active()).toBe(true);

    socket.receive('run', aRun({ id: 'r-1', version: 40, status: 'stopped', published: 100, processed: 95, failed: 5, queued: 0 }));
    await harness.fixture.whenStable();
    expect(chart().active()).toBe(false);
    http.expectOne('/api/runs/r-1/history').flush({ runId: 'r-1', samples: [], marks: [] });
    http.expectOne('/api/runs/r-1/results?size=1').flush({ items: [], total: 0, nextCursor: null });
  });

  it('shows why the run cannot be shown', async () => {
    http
      .expectOne('/api/runs/r-1')
      .flush({ statusCode: 404, message: 'Run r-1 not found', error: 'Not Found' }, { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();
    expect(element.querySelector('[data-testid="run-detail-error"]')?.textContent).toBe('Run r-1 not found');
  });
});
