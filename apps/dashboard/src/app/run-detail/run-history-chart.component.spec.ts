import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { RunHistory } from '@app/contracts';
import { fakeIntervalsOnly } from '../shared/component.testing';
import { aSample, FakeChart, provideFakeEcharts } from './run-detail.testing';
import { HISTORY_REFRESH_MS, RunHistoryChartComponent } from './run-history-chart.component';

const historyOf = (seconds: number, marks: RunHistory['marks'] = []): RunHistory => ({
  runId: 'r-1',
  samples: Array.from({ length: seconds }, (_, index) => aSample(index + 1)),
  marks,
});

describe('RunHistoryChartComponent', () => {
  let chart: FakeChart;
  let http: HttpTestingController;
  let fixture: ComponentFixture<RunHistoryChartComponent>;
  let element: HTMLElement;

  /** The chart is created in a timeout after the view (ngx-echarts), then given the frame and the data. */
  const settle = async (): Promise<void> => {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  };
  /** What was set on the chart, less the empty merges (no-ops) before the first read. */
  const drawn = (): unknown[] => chart.options.filter((option) => Object.keys(option as object).length > 0);
  const seriesDataLengths = (option: unknown): number[] =>
    ((option as { series?: { data?: unknown[] }[] }).series ?? []).map((series) => series.data?.length ?? 0);

  beforeEach(async () => {
    fakeIntervalsOnly();
    chart = new FakeChart();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideFakeEcharts(chart)] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RunHistoryChartComponent);
    fixture.componentRef.setInput('runId', 'r-1');
    fixture.componentRef.setInput('active', true);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('reads the history on open and draws it: the frame once, then only the series data', async () => {
    http.expectOne('/api/runs/r-1/history').flush(historyOf(3, [{ at: aSample(2).at, kind: 'paused', detail: '' }]));
    await settle();

    expect(element.querySelector('[data-testid="history-chart"]')?.getAttribute('data-loaded')).toBe('true');
    const [frame, ...updates] = drawn();
    expect(frame).toMatchObject({ animation: false, xAxis: { type: 'time' } });
    expect(updates).toHaveLength(1);
    expect(Object.keys(updates[0] as object)).toEqual(['series']);
    expect(seriesDataLengths(updates[0])).toEqual([3, 3, 3]);
    expect(element.querySelector('[data-testid="history-marks"]')?.textContent).toContain('Paused');
  });

  it('reads it again every few seconds while the run is active, and redraws only what changed', async () => {
    http.expectOne('/api/runs/r-1/history').flush(historyOf(3));
    await settle();

    jest.advanceTimersByTime(HISTORY_REFRESH_MS);
    http.expectOne('/api/runs/r-1/history').flush(historyOf(3));
    await settle();
    expect(drawn()).toHaveLength(2);

    jest.advanceTimersByTime(HISTORY_REFRESH_MS);
    http.expectOne('/api/runs/r-1/history').flush(historyOf(5));
    await settle();
    expect(drawn()).toHaveLength(3);
    expect(seriesDataLengths(drawn()[2])).toEqual([5, 5, 5]);
  });

  it('reads it once more when the run ends, then stops', async () => {
    http.expectOne('/api/runs/r-1/history').flush(historyOf(3));
    await settle();

    fixture.componentRef.setInput('active', false);
    await settle();
    http.expectOne('/api/runs/r-1/history').flush(historyOf(4, [{ at: aSample(4).at, kind: 'completed', detail: '' }]));
    await settle();

    jest.advanceTimersByTime(HISTORY_REFRESH_MS * 3);
    http.expectNone('/api/runs/r-1/history');
    expect(element.querySelector('[data-testid="history-marks"]')?.textContent).toContain('Completed');
  });

  it('shows a failed read and keeps trying', async () => {
    http.expectOne('/api/runs/r-1/history').flush('Not Found', { status: 404, statusText: 'Not Found' });
    await settle();
    expect(element.querySelector('[data-testid="history-error"]')?.textContent).toBe(
      'Could not load the rate history: the server answered 404 Not Found.',
    );

    jest.advanceTimersByTime(HISTORY_REFRESH_MS);
    http.expectOne('/api/runs/r-1/history').flush(historyOf(1));
    await settle();
    expect(element.querySelector('[data-testid="history-error"]')).toBeNull();
  });
});
