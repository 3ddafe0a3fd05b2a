import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { newRun, type RunState } from '@app/domain';
import { LeadershipService } from '../leadership/leadership.service';
import { schedulerFakes } from '../testing/fakes';
import { PublishLoop } from './publish-loop';
import { RunPublisher } from './run-publisher';
import { StateRecovery } from './state-recovery.service';

const T0 = Date.parse('2026-01-01T00:00:00Z');
// 60 a minute: one record a second, the first due at once.
const aRun = (id: string): RunState => newRun({ id, total: 100, ratePerMinute: 60, processor: 'square' }, T0);

describe('PublishLoop', () => {
  let fakes: ReturnType<typeof schedulerFakes>;
  let loop: PublishLoop;

  beforeEach(async () => {
    jest.useFakeTimers({ now: T0 });
    fakes = schedulerFakes();
    fakes.hotState.ready = true;
    const module = await Test.createTestingModule({
      providers: [PublishLoop, RunPublisher, LeadershipService, StateRecovery, ...fakes.providers],
    }).compile();
    module.useLogger(false);
    loop = module.get(PublishLoop);
    // The claims are fenced by the token this instance's lease gets on its first tick.
    fakes.claims.leaseToken = 'scheduler-1:1';
    for (const id of ['slowrun000001', 'fastrun000001']) fakes.runs.runs.set(id, aRun(id));
  });

  afterEach(async () => {
    await loop.beforeApplicationShutdown();
    jest.useRealTimers();
  });

  const firstTick = async () => {
    loop.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
  };

  it('publishes the runs side by side: one waiting for its confirms holds up no other', async () => {
    let confirm!: () => void;
    fakes.jobs.confirmOf.set('slowrun000001', new Promise((resolve) => (confirm = resolve)));

    await firstTick();

    expect(fakes.claims.published).toEqual(new Map([['fastrun000001', 1]]));
    confirm();
    await jest.advanceTimersByTimeAsync(0);
    expect(fakes.claims.published).toEqual(
      new Map([
        ['fastrun000001', 1],
        ['slowrun000001', 1],
      ]),
    );
  });

  it("publishes the other runs when one's publishing fails, and says which failed once while it lasts", async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    fakes.jobs.failingRuns.add('slowrun000001');

    await firstTick();
    await jest.advanceTimersByTimeAsync(fakes.config.tickMs * 3);

    expect(fakes.claims.published).toEqual(new Map([['fastrun000001', 1]]));
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      "run slowrun000001 publishing failed: the broker refused run slowrun000001's jobs",
    ]);
    warn.mockRestore();
  });
});
