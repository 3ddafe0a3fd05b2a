import { localeFormats } from '../shared/locale-formats';
import { toDeliveryView } from './delivery-view';

const formats = localeFormats('en-US');

describe('toDeliveryView', () => {
  it('counts each status class and the unanswered dead letters, with their shares, and the latency percentiles', () => {
    const view = toDeliveryView(
      { total: 2_000, byStatusClass: { '2xx': 1_900, '3xx': 0, '4xx': 50, '5xx': 30 }, noAnswer: 20, latencyMs: { p50: 12, p95: 40.46 } },
      formats,
    );
    expect(view.total).toBe('2,000');
    expect(view.counts.map(({ label, count, share, tone }) => [label, count, share, tone])).toEqual([
      ['2xx', '1,900', '95.0%', 'ok'],
      ['3xx', '0', '0.0%', 'failed'],
      ['4xx', '50', '2.5%', 'failed'],
      ['5xx', '30', '1.5%', 'failed'],
      ['No answer', '20', '1.0%', 'failed'],
    ]);
    expect(view.latency).toBe('p50 12 ms · p95 40.5 ms');
  });

  it('shows no shares and no latency before any delivery ended', () => {
    const view = toDeliveryView(
      { total: 0, byStatusClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }, noAnswer: 0, latencyMs: null },
      formats,
    );
    expect(view.counts.every(({ share }) => share === '')).toBe(true);
    expect(view.latency).toBe('No answer yet.');
  });
});
