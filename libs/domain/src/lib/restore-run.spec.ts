import type { RunDocument } from '@app/contracts';
import { dueCount } from './pace';
import { restoreRun, storedSeqsOf } from './restore-run';

const T0 = 1_800_000_000_000;
const record: RunDocument = {
  id: 'r1',
  status: 'running',
  total: 1_000,
  processor: 'http',
  datasetId: 'ds0000001abc',
  target: { url: 'http://127.0.0.1:9/in', method: 'POST', headers: {}, timeoutMs: 10_000, concurrency: 16 },
  secret: `whsec_${Buffer.from('a signing secret, 24 b.').toString('base64')}`,
  rounds: null,
  notify: { url: 'http://127.0.0.1:9/done', status: 'pending', attempts: 0, lastError: null, deliveredAt: null },
  ratePerMinute: 600,
  paceAccrued: 0,
  paceSince: T0,
  reserved: 100,
  published: 100,
  processed: 90,
  failed: 0,
  throttleReason: null,
  revision: 4,
  createdAt: T0,
  startedAt: T0,
  updatedAt: T0 + 10_000,
  finishedAt: null,
};

describe('restoreRun', () => {
  it('takes the counters from what is stored and never publishes below a stored seq', () => {
    const run = restoreRun(record, { processed: 120, failed: 3, highestSeq: 130 }, T0 + 60_000);
    expect(run).toMatchObject({ processed: 120, failed: 3, published: 130, reserved: 130, revision: 5, status: 'running' });
    // What the run does with its records survives the rebuild as archived.
    expect(run).toMatchObject({ datasetId: record.datasetId, target: record.target, secret: record.secret, notify: record.notify });
  });

  it('goes on from what was published at the target rate, without a burst for the outage', () => {
    const run = restoreRun(record, { processed: 95, failed: 0, highestSeq: 98 }, T0 + 60_000);
    expect(dueCount(run.pace, run.total, T0 + 60_000)).toBe(100);
    expect(dueCount(run.pace, run.total, T0 + 61_000)).toBe(110);
  });

  it('completes a run whose every record is stored', () => {
    const run = restoreRun(record, { processed: 990, failed: 10, highestSeq: 1_000 }, T0 + 60_000);
    expect(run).toMatchObject({ status: 'completed', finishedAt: T0 + 60_000, published: 1_000 });
  });

  it('keeps a stopped run stopped', () => {
    const stopped = { ...record, status: 'stopped' as const, finishedAt: T0 + 5_000, paceSince: null };
    expect(restoreRun(stopped, { processed: 100, failed: 0, highestSeq: 100 }, T0 + 60_000)).toMatchObject({
      status: 'stopped',
      finishedAt: T0 + 5_000,
    });
  });
});

describe('storedSeqsOf', () => {
  const r = (from: number, to: number) => ({ from, to });

  it('counts results and dead letters, a seq stored both ways as processed', () => {
    // Results 1, 2, 4, 5; dead letters 3, 4, 7.
    const stored = storedSeqsOf([r(1, 2), r(4, 5)], [r(3, 4), r(7, 7)]);
    expect(stored.processed).toEqual([r(1, 2), r(4, 5)]);
    expect(stored.failed).toEqual([r(3, 3), r(7, 7)]);
    expect(stored.counts).toEqual({ processed: 4, failed: 2, highestSeq: 7 });
  });

  it('counts a million stored records from one range', () => {
    const stored = storedSeqsOf([r(1, 999_990)], [r(999_991, 1_000_000)]);
    expect(stored.counts).toEqual({ processed: 999_990, failed: 10, highestSeq: 1_000_000 });
  });

  it('has a highest seq of 0 when nothing is stored', () => {
    expect(storedSeqsOf([], []).counts).toEqual({ processed: 0, failed: 0, highestSeq: 0 });
  });
});
