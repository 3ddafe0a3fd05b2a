import { Test } from '@nestjs/testing';
import { newRun, toRunDocument } from '@app/domain';
import { schedulerFakes } from '../testing/fakes';
import { StateRecovery } from './state-recovery.service';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const r = (from: number, to: number) => ({ from, to });
const archived = (id: string, published: number) =>
  toRunDocument({ ...newRun({ id, total: 10, ratePerMinute: 60, processor: 'flaky' }, T0), published, reserved: published });

describe('StateRecovery', () => {
  let fakes: ReturnType<typeof schedulerFakes>;
  let recovery: StateRecovery;

  beforeEach(async () => {
    fakes = schedulerFakes();
    const module = await Test.createTestingModule({ providers: [StateRecovery, ...fakes.providers] }).compile();
    recovery = module.get(StateRecovery);
  });

  it('is ready at once when the state is, reading no archive', async () => {
    fakes.hotState.ready = true;

    expect(await recovery.ensureReady()).toBe(true);
    expect(fakes.log).toEqual([]);
  });

  it('is not ready while another scheduler holds the rebuild lock', async () => {
    fakes.hotState.lockHolder = 'scheduler-2';

    expect(await recovery.ensureReady()).toBe(false);
    expect(fakes.log).toEqual(['hotState.lockRebuild scheduler-1']);
  });

  it('restores every archived run with counters from the stored seqs, then marks the state ready', async () => {
    fakes.archive.records = [archived('run0000001aaa', 4), archived('run0000002bbb', 0)];
    // Seq 5 was dead-lettered, then replayed successfully just before Redis lost its data.
    fakes.results.seqs.set('run0000001aaa', { result: [r(1, 3), r(5, 5)], failure: [r(4, 5)] });

    expect(await recovery.ensureReady()).toBe(true);

    expect(fakes.log).toEqual([
      'hotState.lockRebuild scheduler-1',
      'archive.all',
      'hotState.restore run0000001aaa',
      'hotState.restore run0000002bbb',
      'hotState.markReady',
    ]);
    const [first, second] = fakes.hotState.restored;
    expect(first.processed).toEqual([r(1, 3), r(5, 5)]);
    expect(first.failed).toEqual([r(4, 4)]);
    expect(first.run).toMatchObject({ id: 'run0000001aaa', processed: 4, failed: 1, published: 5, reserved: 5, revision: 1 });
    expect(second).toMatchObject({ processed: [], failed: [], run: { processed: 0, failed: 0, published: 0 } });
    expect(fakes.hotState.ready).toBe(true);
  });

  it('marks an empty state ready', async () => {
    expect(await recovery.ensureReady()).toBe(true);

    expect(fakes.log).toEqual(['hotState.lockRebuild scheduler-1', 'archive.all', 'hotState.markReady']);
  });
});
