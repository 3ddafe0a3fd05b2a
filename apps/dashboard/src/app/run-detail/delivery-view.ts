import { type DeliveryStats, STATUS_CLASSES, type StatusClass } from '@app/contracts';
import type { LocaleFormats } from '../shared/locale-formats';

/** One count of the deliveries panel: a status class, or the dead letters that got no answer. */
export interface DeliveryCount {
  readonly key: StatusClass | 'none';
  readonly label: string;
  readonly count: string;
  /** Of the records whose delivery ended, `12.5%`; empty before any. */
  readonly share: string;
  /** A 2xx is the only class a delivery succeeds with. */
  readonly tone: 'ok' | 'failed';
}

/** What the deliveries panel shows of an `http` run's stats, formatted. */
export interface DeliveryView {
  readonly total: string;
  readonly counts: readonly DeliveryCount[];
  /** `p50 12 ms · p95 40.5 ms`, or why there is none. */
  readonly latency: string;
}

export function toDeliveryView(stats: DeliveryStats, formats: Pick<LocaleFormats, 'count' | 'rate' | 'percent'>): DeliveryView {
  const share = (count: number): string => (stats.total === 0 ? '' : formats.percent.format(count / stats.total));
  const counts: DeliveryCount[] = STATUS_CLASSES.map((key) => ({
    key,
    label: key,
    count: formats.count.format(stats.byStatusClass[key]),
    share: share(stats.byStatusClass[key]),
    tone: key === '2xx' ? 'ok' : 'failed',
  }));
  counts.push({
    key: 'none',
    label: 'No answer',
    count: formats.count.format(stats.noAnswer),
    share: share(stats.noAnswer),
    tone: 'failed',
  });
  const ms = (value: number): string => `${formats.rate.format(value)} ms`;
  return {
    total: formats.count.format(stats.total),
    counts,
    latency: stats.latencyMs === null ? 'No answer yet.' : `p50 ${ms(stats.latencyMs.p50)} · p95 ${ms(stats.latencyMs.p95)}`,
  };
}
