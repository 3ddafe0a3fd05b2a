import type { RunMark, RunSample } from '@app/contracts';
import type { RunState } from './run-state';
import { runProgress } from './run-json';

/** Most samples `GET /api/runs/:id/history` answers with; a longer run is downsampled to fit. */
export const HISTORY_MAX_POINTS = 2_000;

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const count = (n: number): string => numbers.format(n);
const rate = (ratePerMinute: number): string => `${count(ratePerMinute)}/min`;

/** The run at the start of the second `nowMs` falls in: that second is the sample's identity in the index. */
export function runSample(state: RunState, achievedRatePerMinute: number, nowMs: number): RunSample {
  return {
    runId: state.id,
    at: new Date(Math.floor(nowMs / 1000) * 1000).toISOString(),
    status: state.status,
    targetRatePerMinute: state.pace.ratePerMinute,
    achievedRatePerMinute,
    ...runProgress(state),
  };
}

/**
 * The moments worth marking on the chart, read off consecutive samples (oldest first). The first sample is
 * compared with a run as created (running at its rate, not held back), so a run already paused or completed
 * when first sampled still gets its mark. A hold that ends because the run stopped or completed is not marked
 * as released: the stop or the completion says it.
 */
export function historyMarks(samples: readonly RunSample[]): RunMark[] {
  const marks: RunMark[] = [];
  if (samples.length === 0) return marks;
  let before: Pick<RunSample, 'status' | 'targetRatePerMinute' | 'throttled'> = {
    status: 'running',
    targetRatePerMinute: samples[0].targetRatePerMinute,
    throttled: false,
  };
  for (const sample of samples) {
    const { at } = sample;
    if (sample.targetRatePerMinute !== before.targetRatePerMinute) {
      marks.push({ at, kind: 'rate-changed', detail: `${rate(before.targetRatePerMinute)} -> ${rate(sample.targetRatePerMinute)}` });
    }
    if (sample.status !== before.status) marks.push(statusMark(sample, before.status));
    const ended = sample.status === 'stopped' || sample.status === 'completed';
    if (sample.throttled && !before.throttled) {
      marks.push({ at, kind: 'throttled', detail: sample.throttleReason ?? `held back with ${count(sample.queued)} queued` });
    } else if (!sample.throttled && before.throttled && !ended) {
      marks.push({ at, kind: 'released', detail: `back to ${rate(sample.targetRatePerMinute)}` });
    }
    before = sample;
  }
  return marks;
}

function statusMark(sample: RunSample, previous: RunSample['status']): RunMark {
  const { at, status } = sample;
  switch (status) {
    case 'running':
      return { at, kind: 'resumed', detail: `${previous} -> running at ${rate(sample.targetRatePerMinute)}` };
    case 'paused':
      return { at, kind: 'paused', detail: `paused at ${count(sample.published)} published` };
    case 'stopped':
      return { at, kind: 'stopped', detail: `stopped at ${count(sample.published)} published` };
    case 'completed':
      return { at, kind: 'completed', detail: `${count(sample.processed)} processed, ${count(sample.failed)} failed` };
  }
}

/**
 * At most `maxPoints` (2 or more) samples for the chart: every k-th, k the smallest stride that fits, and always
 * the last, so the line ends at the run's final state. Marks are read off the full series, so none is lost here.
 */
export function downsample<T>(samples: readonly T[], maxPoints: number): T[] {
  if (samples.length <= maxPoints) return [...samples];
  const last = samples.length - 1;
  const stride = Math.ceil(last / (maxPoints - 1));
  const kept = samples.filter((_, i) => i % stride === 0);
  if (last % stride !== 0) kept.push(samples[last]);
  return kept;
}
