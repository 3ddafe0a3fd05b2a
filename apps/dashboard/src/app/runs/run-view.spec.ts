import { localeFormats } from '../shared/locale-formats';
import { aRun } from '../shared/run.testing';
import { toRunView } from './run-view';

describe('toRunView', () => {
  const formats = localeFormats('en-US');

  it('formats the counters, rates and ETA of a running run', () => {
    const view = toRunView(
      aRun({ total: 1_000_000, published: 250_000, processed: 200_000, failed: 1234, queued: 48_766, etaSeconds: 3725 }),
      formats,
    );
    expect(view).toMatchObject({
      status: 'running',
      statusLabel: 'Running',
      done: 201_234,
      total: 1_000_000,
      progressLabel: '201,234 of 1,000,000',
      percentLabel: '20.1%',
      progressText: '20.1%, 201,234 of 1,000,000 jobs done',
      published: '250,000',
      processed: '200,000',
      failed: '1,234',
      queued: '48,766',
      hasFailures: true,
      targetRate: '600/min',
      measuredRateTerm: 'Achieved rate',
      measuredRate: '598.4/min',
      eta: '1h 02m 05s',
    });
  });

  it('counts failed jobs as done and never reads 100% before the last job', () => {
    expect(toRunView(aRun({ total: 10_000, processed: 9_990, failed: 9 }), formats).percentLabel).toBe('99.9%');
    expect(toRunView(aRun({ total: 10, processed: 9, failed: 1 }), formats).percentLabel).toBe('100.0%');
  });

  it('caps the progress at the total', () => {
    const view = toRunView(aRun({ total: 10, processed: 11, failed: 2 }), formats);
    expect(view.done).toBe(10);
    expect(view.percentLabel).toBe('100.0%');
  });

  it("shows a finished run's average rate, from start to finish, instead of its last 10 s", () => {
    const completed = aRun({
      status: 'completed',
      processed: 2_000,
      achievedRatePerMinute: 0,
      startedAt: '2026-11-23T10:00:00.000Z',
      finishedAt: '2026-11-23T10:00:03.000Z',
    });
    expect(toRunView(completed, formats)).toMatchObject({ measuredRateTerm: 'Average rate', measuredRate: '40,000/min' });
    expect(toRunView(aRun({ status: 'stopped', processed: 5, finishedAt: '2026-11-23T10:01:00.100Z' }), formats)).toMatchObject({
      measuredRateTerm: 'Average rate',
      measuredRate: '5/min',
    });
  });

  it('shows no ETA for a run that is not running', () => {
    expect(toRunView(aRun({ status: 'completed', etaSeconds: 0 }), formats).eta).toBe('—');
    expect(toRunView(aRun({ status: 'paused', etaSeconds: 120 }), formats).eta).toBe('—');
    expect(toRunView(aRun({ status: 'running', etaSeconds: null }), formats).eta).toBe('—');
  });

  it('says whether the run is throttled and why', () => {
    expect(toRunView(aRun(), formats)).toMatchObject({ throttled: false, throttleReason: '' });
    const reason = '12000 jobs queued, over the limit of 10000: holding back until workers catch up';
    expect(toRunView(aRun({ throttled: true, throttleReason: reason }), formats)).toMatchObject({
      throttled: true,
      throttleReason: reason,
    });
    expect(toRunView(aRun({ throttled: true, throttleReason: null }), formats)).toMatchObject({ throttled: true, throttleReason: '' });
  });

  it('passes on why a run is stalled', () => {
    expect(toRunView(aRun(), formats).stalledReason).toBe('');
    expect(toRunView(aRun({ stalledReason: 'no worker is running' }), formats).stalledReason).toBe('no worker is running');
  });

  it('lets only a running or paused run be edited', () => {
    expect(toRunView(aRun({ status: 'running' }), formats).editable).toBe(true);
    expect(toRunView(aRun({ status: 'paused' }), formats).editable).toBe(true);
    expect(toRunView(aRun({ status: 'stopped' }), formats).editable).toBe(false);
    expect(toRunView(aRun({ status: 'completed' }), formats).editable).toBe(false);
  });

  it('flags failures only when there are some', () => {
    expect(toRunView(aRun({ failed: 0 }), formats).hasFailures).toBe(false);
  });
});
