import { deliveryLatencies, fanOutDelays, mergeReceipts, ReceiptLog, spread, type Receipts } from './live-latency';

describe('live latency', () => {
  it('keeps, per client, the first receipt of each value higher than any it had', () => {
    const log = new ReceiptLog();
    log.record('a', 10, 1_000);
    log.record('a', 10, 1_050);
    log.record('b', 10, 1_010);
    log.record('a', 5, 1_060);
    log.record('a', 20, 1_100);
    expect(log.receipts).toEqual(
      new Map([
        [10, [1_000, 1_010]],
        [20, [1_100]],
      ]),
    );
    expect(log.events).toBe(5);
  });

  it('merges the receipts of several processes by value', () => {
    const into: Receipts = new Map([[10, [1]]]);
    mergeReceipts(
      into,
      new Map([
        [10, [2]],
        [20, [3]],
      ]),
    );
    expect(into).toEqual(
      new Map([
        [10, [1, 2]],
        [20, [3]],
      ]),
    );
  });

  it('measures each receipt from the first sample at or above its value, leaving out values never sampled', () => {
    const samples = [
      { at: 1_000, value: 5 },
      { at: 1_100, value: 12 },
    ];
    const receipts: Receipts = new Map([
      [10, [1_150, 1_300]],
      [12, [1_090]],
      [99, [2_000]],
    ]);
    expect(deliveryLatencies(samples, receipts)).toEqual({ latencies: [50, 200, 0], unmatched: 1 });
  });

  it('measures fan-out from the first client to receive each value', () => {
    expect(
      fanOutDelays(
        new Map([
          [10, [1_030, 1_000, 1_010]],
          [20, [2_000]],
        ]),
      ),
    ).toEqual([30, 0, 10, 0]);
  });

  it('summarizes by nearest rank', () => {
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, p50: 5, p95: 10, max: 10 });
    expect(spread([])).toEqual({ count: 0, p50: NaN, p95: NaN, max: NaN });
  });
});
