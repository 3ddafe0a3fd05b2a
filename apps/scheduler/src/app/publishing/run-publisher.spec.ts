import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { newRun, type RunState } from '@app/domain';
import { schedulerFakes } from '../testing/fakes';
import { RunPublisher } from './run-publisher';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const TOKEN = 'token-1';
// 60 a minute: one record a second, the first at once.
const run = (changes: Partial<RunState> = {}): RunState => ({
  ...newRun({ id: 'run0000001abc', total: 100, ratePerMinute: 60, processor: 'square' }, T0),
  ...changes,
});

describe('RunPublisher', () => {
  let fakes: ReturnType<typeof schedulerFakes>;
  let publisher: RunPublisher;

  beforeEach(async () => {
    fakes = schedulerFakes({ SCHEDULER_MAX_PUBLISH_BATCH: '10', BACKPRESSURE_QUEUED_SECONDS: '30', BACKPRESSURE_MIN_QUEUED: '1000' });
    const module = await Test.createTestingModule({ providers: [RunPublisher, ...fakes.providers] }).compile();
    publisher = module.get(RunPublisher);
  });

  const publishedSeqs = () => fakes.jobs.published.map((job) => job.seq);

  it('publishes exactly the seqs due after those published, then records them', async () => {
    expect(await publisher.publishDue(run({ published: 2, reserved: 2 }), TOKEN, T0 + 5_000)).toBe(4);

    expect(publishedSeqs()).toEqual([3, 4, 5, 6]);
    expect(fakes.jobs.published[0]).toMatchObject({ runId: 'run0000001abc', processor: 'square', attempt: 1, publishedAt: T0 + 5_000 });
    expect(fakes.claims.published.get('run0000001abc')).toBe(6);
  });

  it('publishes nothing before the next record is due', async () => {
    expect(await publisher.publishDue(run({ published: 1, reserved: 1 }), TOKEN, T0 + 999)).toBe(0);

    expect(fakes.log).toEqual([]);
  });

  it('publishes at most maxPublishBatch records a tick', async () => {
    await publisher.publishDue(run({ total: 1_000_000, pace: { ratePerMinute: 600_000, accrued: 0, since: T0 } }), TOKEN, T0 + 10_000);

    expect(publishedSeqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it.each(['paused', 'stopped', 'completed'] as const)('publishes nothing for a %s run', async (status) => {
    expect(await publisher.publishDue(run({ status }), TOKEN, T0 + 5_000)).toBe(0);

    expect(fakes.log).toEqual([]);
  });

  it('publishes nothing when its lease token is fenced off', async () => {
    expect(await publisher.publishDue(run(), 'token-of-a-deposed-leader', T0 + 5_000)).toBe(0);

    expect(fakes.log).toEqual(['claims.reserve 6']);
  });

  it('publishes nothing when the run stopped since it was read', async () => {
    fakes.claims.notRunning.add('run0000001abc');

    expect(await publisher.publishDue(run(), TOKEN, T0 + 5_000)).toBe(0);

    expect(fakes.jobs.published).toEqual([]);
  });

  it('publishes nothing when the run was changed since it was read (the next tick reads the new schedule)', async () => {
    fakes.claims.revisions.set('run0000001abc', run().revision + 1);

    expect(await publisher.publishDue(run(), TOKEN, T0 + 5_000)).toBe(0);

    expect(fakes.jobs.published).toEqual([]);
  });

  it("publishes a dataset run's records as its jobs' inputs", async () => {
    fakes.datasets.sizes.set('ds0000001abc', 50);
    const overDataset = run({ processor: 'http', datasetId: 'ds0000001abc', published: 2, reserved: 2 });

    await publisher.publishDue(overDataset, TOKEN, T0 + 3_000);

    expect(fakes.jobs.published.map(({ seq, input }) => [seq, input])).toEqual([
      [3, { row: 3 }],
      [4, { row: 4 }],
    ]);
  });

  describe('backpressure', () => {
    // 1,500 queued, over the limit of max(1000, 60 × 30 / 60).
    const flooded = run({
      total: 10_000,
      published: 1_500,
      reserved: 1_500,
      pace: { ratePerMinute: 60, accrued: 0, since: T0 - 3_600_000 },
    });

    it('holds the run back with the reason and publishes nothing', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      expect(await publisher.publishDue(flooded, TOKEN, T0)).toBe(0);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ fields: { runId: flooded.id }, text: expect.stringMatching(/^run \S+ throttled: 1500 jobs/) }),
      );
      warn.mockRestore();

      expect(fakes.runs.saved).toEqual([
        { ...flooded, throttleReason: '1500 jobs queued, over the limit of 1000: holding back until workers catch up', updatedAt: T0 },
      ]);
      expect(fakes.log).toEqual([]);
    });

    it('stays held back, saving nothing more, while still over the limit', async () => {
      expect(await publisher.publishDue({ ...flooded, throttleReason: 'held' }, TOKEN, T0)).toBe(0);

      expect(fakes.runs.saved).toEqual([]);
      expect(fakes.log).toEqual([]);
    });

    it('holds the run back while its endpoint pushes back, saying why, and releases it after', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const calm = run({ processor: 'http', published: 2, reserved: 2 });
      expect(await publisher.publishDue(calm, TOKEN, T0 + 5_000, 'the endpoint answered 429 (Retry-After 2 s)')).toBe(0);
      warn.mockRestore();

      expect(fakes.runs.saved.map(({ throttleReason }) => throttleReason)).toEqual([
        'the endpoint answered 429 (Retry-After 2 s): holding back until it takes more',
      ]);
      expect(await publisher.publishDue({ ...calm, throttleReason: 'held' }, TOKEN, T0 + 7_000)).toBe(0);
      expect(fakes.runs.saved[1]).toMatchObject({ throttleReason: null, pace: { since: T0 + 7_000 } });
    });

    it('releases the run once under the limit, publishing nothing that tick', async () => {
      const caughtUp = { ...flooded, processed: 1_400, throttleReason: 'held' };

      expect(await publisher.publishDue(caughtUp, TOKEN, T0)).toBe(0);

      expect(fakes.runs.saved).toHaveLength(1);
      expect(fakes.runs.saved[0]).toMatchObject({ throttleReason: null, pace: { since: T0 } });
      expect(fakes.log).toEqual([]);
    });
  });

  describe('confirm before record', () => {
    it('records the seqs published only once the broker confirmed them', async () => {
      let confirm = () => undefined as void;
      fakes.jobs.confirm = new Promise<void>((resolve) => (confirm = resolve));

      const publishing = publisher.publishDue(run(), TOKEN, T0 + 5_000);
      await new Promise((resolve) => setImmediate(resolve));
      expect(fakes.log).toEqual(['claims.reserve 6', 'jobs.publish 6']);
      confirm();
      await publishing;

      expect(fakes.log).toEqual(['claims.reserve 6', 'jobs.publish 6', 'jobs.confirmed', 'claims.recordPublished 6']);
    });

    it('records nothing when publishing fails, and the error reaches the caller', async () => {
      fakes.jobs.failWith = new Error('channel closed');

      await expect(publisher.publishDue(run(), TOKEN, T0 + 5_000)).rejects.toThrow('channel closed');

      expect(fakes.claims.published.size).toBe(0);
      expect(fakes.log).not.toContain('claims.recordPublished 6');
    });
  });
});
