import type { Run, RunStatus } from '@app/contracts';
import { averageRatePerMinute, canEditRun } from '@app/domain';
import { formatEta } from '../shared/format-eta';
import type { LocaleFormats } from '../shared/locale-formats';

const STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
  completed: 'Completed',
};

/** Everything a run card shows, already formatted. */
export interface RunView {
  readonly id: string;
  readonly status: RunStatus;
  readonly statusLabel: string;
  /** Jobs done (processed + failed), capped at `total`, for the progress bar. */
  readonly done: number;
  readonly total: number;
  readonly progressLabel: string;
  readonly percentLabel: string;
  /** What assistive technology reads for the progress bar. */
  readonly progressText: string;
  readonly published: string;
  readonly processed: string;
  readonly failed: string;
  readonly queued: string;
  readonly hasFailures: boolean;
  readonly targetRate: string;
  /** What `measuredRate` is: "Achieved rate" while the run goes on, "Average rate" once it finished. */
  readonly measuredRateTerm: string;
  /** The achieved rate (its last 10 s) while the run goes on; its average from start to finish once finished. */
  readonly measuredRate: string;
  readonly eta: string;
  /** True while the scheduler holds the run back (backpressure). */
  readonly throttled: boolean;
  /** Why it is held back, as the scheduler said; empty when it gave no reason. */
  readonly throttleReason: string;
  /** Why its jobs wait although it goes on (no worker can take them); empty while they move. */
  readonly stalledReason: string;
  /** Whether X and Y may still be changed. */
  readonly editable: boolean;
}

const nonNegative = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

export function toRunView(run: Run, formats: LocaleFormats): RunView {
  const total = nonNegative(run.total);
  const done = Math.min(nonNegative(run.processed) + nonNegative(run.failed), total);
  // Floored to the shown precision, so a run never reads 100.0 % before its last job is done.
  const progressLabel = `${formats.count.format(done)} of ${formats.count.format(total)}`;
  const fraction = total > 0 ? Math.floor((done / total) * 1000) / 1000 : 0;
  const percentLabel = formats.percent.format(fraction);
  const average = averageRatePerMinute(run);
  return {
    id: run.id,
    status: run.status,
    statusLabel: STATUS_LABELS[run.status] ?? run.status,
    done,
    total,
    progressLabel,
    percentLabel,
    progressText: `${percentLabel}, ${progressLabel} jobs done`,
    published: formats.count.format(run.published),
    processed: formats.count.format(run.processed),
    failed: formats.count.format(run.failed),
    queued: formats.count.format(run.queued),
    hasFailures: run.failed > 0,
    targetRate: `${formats.rate.format(run.ratePerMinute)}/min`,
    measuredRateTerm: average === null ? 'Achieved rate' : 'Average rate',
    measuredRate: `${formats.rate.format(average ?? run.achievedRatePerMinute)}/min`,
    eta: run.status === 'running' ? formatEta(run.etaSeconds) : '—',
    throttled: run.throttled,
    throttleReason: run.throttled ? (run.throttleReason ?? '') : '',
    stalledReason: run.stalledReason ?? '',
    editable: canEditRun(run.status),
  };
}
