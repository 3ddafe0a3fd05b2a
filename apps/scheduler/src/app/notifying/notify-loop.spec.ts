import { Test } from '@nestjs/testing';
import type { RunNotification } from '@app/contracts';
import { newRun, type RunState } from '@app/domain';
import { newSigningSecret } from '@app/infra';
import { LeadershipService } from '../leadership/leadership.service';
import { schedulerFakes } from '../testing/fakes';
import { MAX_NOTIFICATIONS_IN_FLIGHT, NOTIFY_SWEEP_INTERVAL_MS, NOTIFY_TICK_MS, NotifyLoop } from './notify-loop';
import { RunNotifier } from './run-notifier';

const pending: RunNotification = { url: 'http://127.0.0.1:5600/done', status: 'pending', attempts: 0, lastError: null, deliveredAt: null };

const run = (id: string, changes: Partial<RunState> = {}): RunState => ({
  ...newRun({ id, total: 10, ratePerMinute: 60, processor: 'square', notify: pending, secret: newSigningSecret() }, 0),
  reserved: 10,
  published: 10,
  processed: 4,
  ...changes,
});
const ended = (id: string): RunState => run(id, { status: 'completed', processed: 10 });

describe('NotifyLoop', () => {
  let fakes: ReturnType<typeof schedulerFakes>;
  let loop: NotifyLoop;
  let leadership: LeadershipService;

  beforeEach(async () => {
    jest.useFakeTimers();
    fakes = schedulerFakes();
    const module = await Test.createTestingModule({
      providers: [NotifyLoop, RunNotifier, LeadershipService, ...fakes.providers],
    }).compile();
    module.useLogger(false);
    loop = module.get(NotifyLoop);
    leadership = module.get(LeadershipService);
    await loop.onApplicationBootstrap();
  });

  afterEach(async () => {
    await loop.beforeApplicationShutdown();
    jest.useRealTimers();
  });

  const tick = () => jest.advanceTimersByTimeAsync(NOTIFY_TICK_MS);
  const sentFor = () => fakes.http.sent.map((request) => request.idempotencyKey);
  const lead = () => leadership.leaderToken(Date.now());

  it('sends the callback of a run that changed and has ended, once', async () => {
    await lead();
    fakes.runs.runs.set('run0000001aaa', ended('run0000001aaa'));
    fakes.changes.emit('run0000001aaa');

    await tick();
    await tick();

    expect(sentFor()).toEqual(['run0000001aaa:notify']);
    expect(fakes.runs.runs.get('run0000001aaa')?.notify?.status).toBe('delivered');
  });

  it('keeps at most its cap of callbacks in flight when many runs end at once, and sends the rest as those answer', async () => {
    await lead();
    const ids = Array.from({ length: MAX_NOTIFICATIONS_IN_FLIGHT + 8 }, (_, i) => `run${String(i).padStart(7, '0')}bbb`);
    for (const id of ids) fakes.runs.runs.set(id, ended(id));
    const release = fakes.http.holdAnswers();
    for (const id of ids) fakes.changes.emit(id);

    await tick();
    await tick();
    expect(sentFor()).toHaveLength(MAX_NOTIFICATIONS_IN_FLIGHT);

    release();
    await tick();
    await tick();
    expect(sentFor().sort()).toEqual(ids.map((id) => `${id}:notify`).sort());
  });

  it('leaves a run that is still going until it changes again', async () => {
    await lead();
    fakes.runs.runs.set('run0000002aaa', run('run0000002aaa'));
    fakes.changes.emit('run0000002aaa');
    await tick();
    fakes.runs.runs.set('run0000002aaa', ended('run0000002aaa'));
    await tick();
    expect(sentFor()).toEqual([]);

    fakes.changes.emit('run0000002aaa');
    await tick();

    expect(sentFor()).toEqual(['run0000002aaa:notify']);
  });

  it('tries a failed callback again once the backoff holding its claim is over, without any change of the run', async () => {
    await lead();
    fakes.http.answers.push({ kind: 'response', status: 500, latencyMs: 1, body: '', retryAfterMs: null });
    fakes.runs.runs.set('run0000003aaa', ended('run0000003aaa'));
    fakes.changes.emit('run0000003aaa');
    await tick();
    await tick();
    expect(sentFor()).toEqual(['run0000003aaa:notify']);

    fakes.notificationClaims.lapse('run0000003aaa');
    await tick();

    expect(sentFor()).toEqual(['run0000003aaa:notify', 'run0000003aaa:notify']);
    expect(fakes.runs.runs.get('run0000003aaa')?.notify).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('sends nothing as a standby, and once it leads finds the callbacks owed in the runs index', async () => {
    fakes.lease.holder = { token: 'scheduler-2:1', holderId: 'scheduler-2' };
    await lead();
    // One seen ending while standby, one that ended before this scheduler started, and one Redis no longer has.
    fakes.runs.runs.set('run0000004aaa', ended('run0000004aaa'));
    fakes.runs.runs.set('run0000005aaa', ended('run0000005aaa'));
    fakes.archive.pendingNotifications = ['run0000004aaa', 'run0000005aaa', 'run0000006aaa'];
    fakes.changes.emit('run0000004aaa');
    await tick();
    expect(sentFor()).toEqual([]);

    fakes.lease.holder = null;
    await lead();
    await tick();

    expect(sentFor()).toEqual(['run0000004aaa:notify', 'run0000005aaa:notify']);
  });

  it("sends a changed run's callback while the runs index cannot be read", async () => {
    jest.spyOn(fakes.archive, 'pendingNotificationRunIds').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:9200'));
    await lead();
    fakes.runs.runs.set('run0000007aaa', ended('run0000007aaa'));
    fakes.changes.emit('run0000007aaa');

    await tick();

    expect(sentFor()).toEqual(['run0000007aaa:notify']);
  });

  it('sweeps the runs index again only once the sweep interval has passed', async () => {
    await lead();
    await tick();
    await jest.advanceTimersByTimeAsync(NOTIFY_SWEEP_INTERVAL_MS - 2 * NOTIFY_TICK_MS);
    expect(fakes.log.filter((line) => line === 'archive.pendingNotificationRunIds')).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(2 * NOTIFY_TICK_MS);

    expect(fakes.log.filter((line) => line === 'archive.pendingNotificationRunIds')).toHaveLength(2);
  });
});
