import type { RunHistory, RunMark, RunMarkKind, RunSample } from '@app/contracts';
import type { LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** The options of the rate-history chart: only what `run-detail.routes.ts` registers with ECharts (tree-shaken). */
export type HistoryChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
>;

/** A point of a time series: epoch milliseconds, value. */
export type TimePoint = [number, number];

const SERIES = {
  target: { id: 'target', name: 'Target rate', color: '#2f5fd0' },
  achieved: { id: 'achieved', name: 'Achieved rate', color: '#1c9a4c' },
  queued: { id: 'queued', name: 'Queued', color: '#c28a00' },
} as const;

export const MARK_LABELS: Readonly<Record<RunMarkKind, string>> = {
  'rate-changed': 'Rate changed',
  paused: 'Paused',
  resumed: 'Resumed',
  throttled: 'Throttled',
  released: 'Released',
  stopped: 'Stopped',
  completed: 'Completed',
};

const MARK_COLORS: Readonly<Record<RunMarkKind, string>> = {
  'rate-changed': '#2f5fd0',
  paused: '#8a5a00',
  resumed: '#1c7a3c',
  throttled: '#b42318',
  released: '#1c7a3c',
  stopped: '#5b6470',
  completed: '#1c7a3c',
};

/** Marks drawn as pins on the queue-depth line (backpressure is about the queue); the others as vertical lines. */
const QUEUE_MARKS: ReadonlySet<RunMarkKind> = new Set<RunMarkKind>(['throttled', 'released']);

const AXIS_TEXT = '#7a8491';
const SPLIT_LINE = 'rgba(122, 132, 145, 0.2)';

/**
 * The chart's frame, set once: a time axis, jobs per minute on the left, queue depth on the right, the three
 * series without data, and no animation (each refresh redraws at once, nothing is tweened on the main thread).
 * The data comes later through `historyChartData`, merged into this frame by series id.
 *
 * It fits any width, a phone's too: the side margins are small and ECharts shrinks the plot until the value
 * axes' labels and names fit in the canvas (its `outerBounds`, the whole canvas by default); the bottom margin
 * holds the time labels, and those that would overlap are left out.
 */
export function historyChartFrame(): HistoryChartOption {
  const line = (): LineSeriesOption => ({ type: 'line', showSymbol: false, symbol: 'none', data: [] });
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 48, bottom: 28 },
    legend: { top: 0, textStyle: { color: AXIS_TEXT } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' } },
    xAxis: { type: 'time', axisLabel: { color: AXIS_TEXT, hideOverlap: true }, splitLine: { show: false } },
    yAxis: [
      {
        type: 'value',
        name: 'jobs/min',
        min: 0,
        nameTextStyle: { color: AXIS_TEXT },
        axisLabel: { color: AXIS_TEXT },
        splitLine: { lineStyle: { color: SPLIT_LINE } },
      },
      {
        type: 'value',
        name: 'queued',
        min: 0,
        position: 'right',
        nameTextStyle: { color: AXIS_TEXT },
        axisLabel: { color: AXIS_TEXT },
        splitLine: { show: false },
      },
    ],
    series: [
      { ...line(), ...SERIES.target, step: 'end', yAxisIndex: 0, lineStyle: { width: 2, type: 'dashed' } },
      { ...line(), ...SERIES.achieved, yAxisIndex: 0, lineStyle: { width: 2 } },
      { ...line(), ...SERIES.queued, yAxisIndex: 1, lineStyle: { width: 1 }, areaStyle: { opacity: 0.15 } },
    ],
  };
}

const time = (iso: string): number => Date.parse(iso);

function points(samples: readonly RunSample[], value: (sample: RunSample) => number): TimePoint[] {
  const result: TimePoint[] = [];
  for (const sample of samples) {
    const at = time(sample.at);
    if (Number.isFinite(at)) {
      result.push([at, value(sample)]);
    }
  }
  return result;
}

/** The queue depth at `at`: that of the last sample at or before it (the first sample's before any). */
function queuedAt(samples: readonly RunSample[], at: number): number {
  let queued = samples[0]?.queued ?? 0;
  for (const sample of samples) {
    if (time(sample.at) > at) {
      break;
    }
    queued = sample.queued;
  }
  return queued;
}

const markName = (mark: RunMark): string => (mark.detail ? `${MARK_LABELS[mark.kind]}: ${mark.detail}` : MARK_LABELS[mark.kind]);

function markLines(marks: readonly RunMark[]): MarkLineComponentOption {
  return {
    silent: false,
    symbol: 'none',
    animation: false,
    label: { position: 'insideEndTop', fontSize: 11, formatter: '{b}' },
    data: marks
      .filter((mark) => !QUEUE_MARKS.has(mark.kind) && Number.isFinite(time(mark.at)))
      .map((mark) => ({
        name: MARK_LABELS[mark.kind],
        xAxis: time(mark.at),
        lineStyle: { color: MARK_COLORS[mark.kind], type: 'solid', width: 1 },
        label: { color: MARK_COLORS[mark.kind] },
        tooltip: { formatter: markName(mark) },
      })),
  };
}

function markPoints(marks: readonly RunMark[], samples: readonly RunSample[]): MarkPointComponentOption {
  return {
    animation: false,
    symbolSize: 36,
    label: { fontSize: 9 },
    data: marks
      .filter((mark) => QUEUE_MARKS.has(mark.kind) && Number.isFinite(time(mark.at)))
      .map((mark) => ({
        name: MARK_LABELS[mark.kind],
        coord: [time(mark.at), queuedAt(samples, time(mark.at))],
        itemStyle: { color: MARK_COLORS[mark.kind] },
        label: { formatter: mark.kind === 'throttled' ? 'hold' : 'go' },
        tooltip: { formatter: markName(mark) },
      })),
  };
}

/**
 * What changes between refreshes, and only that: each series' points and the marks, addressed by series id,
 * for `setOption` to merge into the frame (axes, legend and styles are not sent again).
 */
export function historyChartData(history: RunHistory): HistoryChartOption {
  const { samples, marks } = history;
  return {
    series: [
      { id: SERIES.target.id, data: points(samples, (sample) => sample.targetRatePerMinute), markLine: markLines(marks) },
      { id: SERIES.achieved.id, data: points(samples, (sample) => sample.achievedRatePerMinute) },
      { id: SERIES.queued.id, data: points(samples, (sample) => sample.queued), markPoint: markPoints(marks, samples) },
    ],
  };
}

const sameSample = (a: RunSample | undefined, b: RunSample | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.at === b.at &&
    a.status === b.status &&
    a.targetRatePerMinute === b.targetRatePerMinute &&
    a.achievedRatePerMinute === b.achievedRatePerMinute &&
    a.queued === b.queued &&
    a.processed === b.processed);

/**
 * Whether a refreshed history shows the same as the one held: same run, as many samples and marks, the same
 * first and last sample. Samples are appended once a second and never rewritten, so a refresh of a run that
 * did not move (paused, or ended) is not drawn again.
 */
export function sameHistory(a: RunHistory | null, b: RunHistory | null): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null) {
    return false;
  }
  return (
    a.runId === b.runId &&
    a.samples.length === b.samples.length &&
    a.marks.length === b.marks.length &&
    sameSample(a.samples[0], b.samples[0]) &&
    sameSample(a.samples.at(-1), b.samples.at(-1))
  );
}

/** A mark for the list under the chart (what a screen reader gets instead of the canvas). */
export interface MarkView {
  readonly kind: RunMarkKind;
  readonly label: string;
  readonly detail: string;
  readonly at: number;
}

/** The marks, oldest first, labelled. */
export function markViews(marks: readonly RunMark[]): readonly MarkView[] {
  return marks
    .map((mark) => ({ kind: mark.kind, label: MARK_LABELS[mark.kind] ?? mark.kind, detail: mark.detail, at: time(mark.at) }))
    .filter((mark) => Number.isFinite(mark.at))
    .sort((a, b) => a.at - b.at);
}
