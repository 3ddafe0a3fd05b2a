import type { RunHistory } from '@app/contracts';
import { historyChartData, historyChartFrame, markViews, sameHistory } from './history-chart';
import { aSample } from './run-detail.testing';

const at = (second: number): number => Date.UTC(2026, 10, 23, 10, 0, second);

const history: RunHistory = {
  runId: 'r-1',
  samples: [aSample(1), aSample(2, { queued: 1500, achievedRatePerMinute: 610 }), aSample(3, { targetRatePerMinute: 1200, queued: 20 })],
  marks: [
    { at: aSample(3).at, kind: 'rate-changed', detail: '600/min -> 1,200/min' },
    { at: aSample(2).at, kind: 'throttled', detail: '1500 jobs queued' },
    { at: aSample(3).at, kind: 'released', detail: '' },
  ],
};

interface SeriesData {
  id: string;
  data: [number, number][];
  markLine?: { data: { name: string; xAxis: number }[] };
  markPoint?: { data: { name: string; coord: [number, number] }[] };
}
const seriesOf = (option: ReturnType<typeof historyChartData>): SeriesData[] => option.series as unknown as SeriesData[];

describe('historyChartFrame', () => {
  it('sets the axes and empty series once, with animation off', () => {
    const frame = historyChartFrame();
    expect(frame['animation']).toBe(false);
    expect(frame.xAxis).toMatchObject({ type: 'time' });
    expect(frame.yAxis).toEqual([
      expect.objectContaining({ name: 'jobs/min' }),
      expect.objectContaining({ name: 'queued', position: 'right' }),
    ]);
    const series = frame.series as { id: string; yAxisIndex: number; data: unknown[] }[];
    expect(series.map((item) => [item.id, item.yAxisIndex, item.data.length])).toEqual([
      ['target', 0, 0],
      ['achieved', 0, 0],
      ['queued', 1, 0],
    ]);
  });

  it('fits a narrow chart: small margins (ECharts fits the axis labels inside), no overlapping time labels', () => {
    const frame = historyChartFrame();
    expect(frame.grid).toMatchObject({ left: 8, right: 8 });
    expect(frame.xAxis).toMatchObject({ axisLabel: { hideOverlap: true } });
  });
});

describe('historyChartData', () => {
  it('sends only the series data, by id: target and achieved rate, and queue depth', () => {
    const option = historyChartData(history);
    expect(Object.keys(option)).toEqual(['series']);
    const [target, achieved, queued] = seriesOf(option);
    expect(target.id).toBe('target');
    expect(target.data).toEqual([
      [at(1), 600],
      [at(2), 600],
      [at(3), 1200],
    ]);
    expect(achieved.data).toEqual([
      [at(1), 590],
      [at(2), 610],
      [at(3), 590],
    ]);
    expect(queued.data).toEqual([
      [at(1), 3],
      [at(2), 1500],
      [at(3), 20],
    ]);
  });

  it('draws control marks as vertical lines and backpressure marks as pins on the queue', () => {
    const [target, , queued] = seriesOf(historyChartData(history));
    expect(target.markLine?.data).toEqual([expect.objectContaining({ name: 'Rate changed', xAxis: at(3) })]);
    expect(queued.markPoint?.data).toEqual([
      expect.objectContaining({ name: 'Throttled', coord: [at(2), 1500] }),
      expect.objectContaining({ name: 'Released', coord: [at(3), 20] }),
    ]);
  });

  it('marks every kind: rate changed, paused, resumed, stopped, completed as lines', () => {
    const kinds = ['rate-changed', 'paused', 'resumed', 'stopped', 'completed'] as const;
    const option = historyChartData({ ...history, marks: kinds.map((kind, index) => ({ at: aSample(index).at, kind, detail: '' })) });
    expect(seriesOf(option)[0].markLine?.data.map((item) => item.name)).toEqual([
      'Rate changed',
      'Paused',
      'Resumed',
      'Stopped',
      'Completed',
    ]);
  });

  it('skips samples and marks with an unreadable time, and copes with no samples', () => {
    const option = historyChartData({
      runId: 'r-1',
      samples: [aSample(1), { ...aSample(2), at: 'garbage' }],
      marks: [{ at: 'garbage', kind: 'paused', detail: '' }],
    });
    expect(seriesOf(option)[0].data).toHaveLength(1);
    expect(seriesOf(option)[0].markLine?.data).toEqual([]);
    expect(seriesOf(historyChartData({ runId: 'r-1', samples: [], marks: [] })).map((item) => item.data)).toEqual([[], [], []]);
  });
});

describe('sameHistory', () => {
  it('is true for a refresh that brought nothing new', () => {
    expect(sameHistory(history, { ...history, samples: [...history.samples], marks: [...history.marks] })).toBe(true);
    expect(sameHistory(null, null)).toBe(true);
  });

  it('is false once a sample or a mark was added, or for another run', () => {
    expect(sameHistory(history, { ...history, samples: [...history.samples, aSample(4)] })).toBe(false);
    expect(sameHistory(history, { ...history, marks: [...history.marks, { at: aSample(4).at, kind: 'paused', detail: '' }] })).toBe(false);
    expect(sameHistory(history, { ...history, runId: 'r-2' })).toBe(false);
    expect(sameHistory(null, history)).toBe(false);
  });

  it('is false when the last sample changed in place', () => {
    const samples = [...history.samples.slice(0, -1), aSample(3, { targetRatePerMinute: 1200, queued: 21 })];
    expect(sameHistory(history, { ...history, samples })).toBe(false);
  });
});

describe('markViews', () => {
  it('labels the marks, oldest first', () => {
    expect(markViews(history.marks).map((mark) => [mark.label, mark.detail, mark.at])).toEqual([
      ['Throttled', '1500 jobs queued', at(2)],
      ['Rate changed', '600/min -> 1,200/min', at(3)],
      ['Released', '', at(3)],
    ]);
  });
});
