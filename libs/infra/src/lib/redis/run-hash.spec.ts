import { RUN_HASH_FIELDS } from '@app/contracts';
import { newRun, type RunState } from '@app/domain';
import { definitionFields, fromHashFields, hashFields } from './run-hash';
import { newSigningSecret } from '../http/webhook-signing';

const run: RunState = {
  ...newRun(
    {
      id: 'r1',
      total: 1_000,
      ratePerMinute: 600,
      processor: 'http',
      datasetId: 'ds0000001abc',
      target: { url: 'http://127.0.0.1:9/in', method: 'PUT', headers: { 'x-tenant': 'a' }, timeoutMs: 500, concurrency: 4 },
      secret: newSigningSecret(),
      notify: { url: 'http://127.0.0.1:9/done', status: 'failed', attempts: 3, lastError: 'answered 500', deliveredAt: null },
    },
    Date.UTC(2026, 0, 1),
  ),
  reserved: 40,
  published: 30,
  processed: 20,
  failed: 2,
  revision: 7,
  throttleReason: 'held back',
};

describe('the run hash mapping', () => {
  it('reads back every field it writes', () => {
    expect(fromHashFields(hashFields(run))).toEqual(run);
    const ended = { ...run, status: 'stopped' as const, pace: { ...run.pace, since: null }, throttleReason: null, finishedAt: 5 };
    expect(fromHashFields(hashFields(ended))).toEqual(ended);
    const generated = { ...newRun({ id: 'r2', total: 5, ratePerMinute: 60, processor: 'hash', rounds: 10 }, 1), revision: 1 };
    expect(fromHashFields(hashFields(generated))).toEqual(generated);
  });

  it('writes only names of the contract', () => {
    expect(Object.keys(hashFields(run)).sort()).toEqual(Object.values(RUN_HASH_FIELDS).sort());
  });

  it('leaves the counters, the claim and the revision out of a compare-and-set', () => {
    const written = Object.keys(definitionFields(run));
    for (const counter of ['reserved', 'published', 'processed', 'failed', 'revision']) expect(written).not.toContain(counter);
  });

  it('reads an empty hash as no run, and refuses an unknown status', () => {
    expect(fromHashFields({})).toBeNull();
    expect(() => fromHashFields({ ...hashFields(run), status: 'lost' })).toThrow(/unknown status "lost"/);
  });
});
