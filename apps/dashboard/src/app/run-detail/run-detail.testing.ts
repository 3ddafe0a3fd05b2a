import type { FailureDocument, JobDocument, RunAudit, RunSample } from '@app/contracts';
import { provideEchartsCore } from 'ngx-echarts';

/** A stored result with plausible values; tests override what they look at. */
export function aResult(seq: number, overrides: Partial<JobDocument> = {}): JobDocument {
  return {
    runId: 'r-1',
    seq,
    input: seq * 7,
    output: seq * 7 * seq * 7,
    processor: 'square',
    workerId: 'w-1',
    attempt: 1,
    publishedAt: '2026-11-23T10:00:00.000Z',
    processedAt: '2026-11-23T10:00:00.050Z',
    ...overrides,
  };
}

/** The rate history's sample of second `second` (10:00:`second` UTC), plausible values; tests override what they look at. */
export const aSample = (second: number, overrides: Partial<RunSample> = {}): RunSample => ({
  runId: 'r-1',
  at: new Date(Date.UTC(2026, 10, 23, 10, 0, second)).toISOString(),
  status: 'running',
  targetRatePerMinute: 600,
  achievedRatePerMinute: 590,
  published: second * 10,
  processed: second * 10 - 3,
  failed: 0,
  queued: 3,
  throttled: false,
  throttleReason: null,
  ...overrides,
});

/** A dead letter with plausible values. */
export function aFailure(seq: number, overrides: Partial<FailureDocument> = {}): FailureDocument {
  return {
    runId: 'r-1',
    seq,
    input: seq * 7,
    processor: 'poison',
    error: 'poison processor always fails',
    attempts: 3,
    workerId: 'w-1',
    publishedAt: '2026-11-23T10:00:00.000Z',
    failedAt: '2026-11-23T10:00:03.000Z',
    ...overrides,
  };
}

/** Records what the chart was given instead of drawing on a canvas (jsdom has none). */
export class FakeChart {
  readonly options: unknown[] = [];
  private disposed = false;

  setOption(option: unknown): void {
    this.options.push(option);
  }
  resize(): void {
    // nothing to lay out
  }
  dispose(): void {
    this.disposed = true;
  }
  isDisposed(): boolean {
    return this.disposed;
  }
  on(): void {
    // no events
  }
  off(): void {
    // no events
  }
  showLoading(): void {
    // nothing shown
  }
  hideLoading(): void {
    // nothing shown
  }
}

/**
 * ngx-echarts with a fake ECharts that hands out `chart`, and the ResizeObserver the directive insists on
 * (jsdom has none).
 */
export function provideFakeEcharts(chart: FakeChart) {
  if (!('ResizeObserver' in window)) {
    Object.defineProperty(window, 'ResizeObserver', {
      configurable: true,
      value: class {
        observe(): void {
          // never resized
        }
        unobserve(): void {
          // never resized
        }
        disconnect(): void {
          // never resized
        }
      },
    });
  }
  return provideEchartsCore({ echarts: { init: () => chart } });
}

/** The audit of a whole run of 6,000 records, 10 of them dead letters. */
export const anAudit = (overrides: Partial<RunAudit> = {}): RunAudit => ({
  runId: 'r-1',
  published: 6000,
  stored: 5990,
  deadLetters: 10,
  missing: [],
  missingCount: 0,
  duplicates: [],
  duplicateCount: 0,
  countersMatch: true,
  clean: true,
  checkedAt: '2026-11-23T10:00:00.000Z',
  ...overrides,
});
