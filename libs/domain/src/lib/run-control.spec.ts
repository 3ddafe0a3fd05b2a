import { dueCount } from './pace';
import { holdBack, newRun, pauseRun, releaseHold, resumeRun, stopRun, updateRun, type RunTransition } from './run-control';
import type { RunState } from './run-state';

const T0 = 1_800_000_000_000;
const run = (overrides: Partial<RunState> = {}): RunState => ({
  ...newRun({ id: 'r1', total: 1_000, ratePerMinute: 600, processor: 'square' }, T0),
  ...overrides,
});
const next = (transition: RunTransition): RunState => {
  if (!transition.ok) throw new Error(transition.conflict);
  return transition.state;
};

describe('run control', () => {
  it('pauses, resumes and stops, refusing impossible transitions', () => {
    const paused = next(pauseRun(run(), T0 + 1_000));
    expect(paused.status).toBe('paused');
    expect(pauseRun(paused, T0 + 2_000)).toEqual({ ok: false, conflict: 'run r1 is paused, only a running run can be paused' });
    const resumed = next(resumeRun(paused, T0 + 5_000));
    expect(resumed.status).toBe('running');
    expect(resumeRun(resumed, T0 + 6_000).ok).toBe(false);
    const stopped = next(stopRun(resumed, T0 + 6_000));
    expect(stopped).toMatchObject({ status: 'stopped', finishedAt: T0 + 6_000 });
    expect(stopRun(stopped, T0 + 7_000)).toEqual({ ok: false, conflict: 'run r1 is already stopped' });
    expect(resumeRun(stopped, T0 + 7_000).ok).toBe(false);
    expect(updateRun(stopped, { total: 5 }, T0).ok).toBe(false);
  });

  it('counts no time while paused', () => {
    const paused = next(pauseRun(run(), T0 + 1_000)); // 10 accrued
    const resumed = next(resumeRun(paused, T0 + 60_000));
    expect(dueCount(resumed.pace, resumed.total, T0 + 61_000)).toBe(21);
  });

  it('never schedules again a record a scheduler claimed on a clock that read later than the change', () => {
    // 100 accrued by the change at T0 + 10 s, but a claim computed a moment later already took 102 records.
    const claimedAhead = run({ reserved: 102, published: 101 });
    const changed = next(updateRun(claimedAhead, { ratePerMinute: 60 }, T0 + 10_000));
    expect(dueCount(changed.pace, changed.total, T0 + 10_500)).toBe(102);
    expect(dueCount(changed.pace, changed.total, T0 + 11_000)).toBe(103);
    const paused = next(pauseRun(claimedAhead, T0 + 10_000));
    const resumed = next(resumeRun(paused, T0 + 20_000));
    expect(dueCount(resumed.pace, resumed.total, T0 + 20_000)).toBe(102);
    expect(dueCount(resumed.pace, resumed.total, T0 + 20_100)).toBe(103); // at 600/min
    // Claims within the schedule leave it as it is.
    expect(next(updateRun(run({ reserved: 90 }), { ratePerMinute: 60 }, T0 + 10_000)).pace.accrued).toBe(100);
  });

  it('changes the rate from now on', () => {
    const changed = next(updateRun(run(), { ratePerMinute: 60 }, T0 + 10_000)); // 100 accrued, then 1/s
    expect(changed.pace.ratePerMinute).toBe(60);
    expect(dueCount(changed.pace, changed.total, T0 + 20_000)).toBe(111);
  });

  it('raises total of a running or paused run, never of a completed one', () => {
    expect(next(updateRun(run(), { total: 5_000 }, T0)).total).toBe(5_000);
    expect(next(updateRun(run({ status: 'paused' }), { total: 5_000 }, T0)).total).toBe(5_000);
    expect(updateRun(run({ status: 'completed' }), { total: 5_000 }, T0)).toEqual({
      ok: false,
      conflict: 'run r1 is completed and can no longer be changed',
    });
  });

  it('refuses a total below what is already published or claimed, saying how many', () => {
    expect(updateRun(run({ published: 400, reserved: 450 }), { total: 449 }, T0)).toEqual({
      ok: false,
      conflict: 'total cannot be lower than the 450 records already published',
    });
    expect(next(updateRun(run({ published: 400, reserved: 450 }), { total: 450 }, T0)).total).toBe(450);
  });

  it('completes a run whose lowered total is all processed', () => {
    const done = next(updateRun(run({ published: 300, reserved: 300, processed: 290, failed: 10 }), { total: 300 }, T0 + 5));
    expect(done).toMatchObject({ status: 'completed', finishedAt: T0 + 5 });
  });

  it('releases a held-back run when it is paused, so that resuming does not burst', () => {
    const held = holdBack(run({ published: 100 }), 'queue over 1,000', T0 + 60_000);
    const paused = next(pauseRun(held, T0 + 60_000));
    expect(paused.throttleReason).toBeNull();
    const resumed = next(resumeRun(paused, T0 + 90_000));
    expect(dueCount(resumed.pace, resumed.total, T0 + 90_000)).toBe(100);
    expect(dueCount(resumed.pace, resumed.total, T0 + 91_000)).toBe(110);
  });

  it('holds back and then goes on from what was published without a burst', () => {
    const held = holdBack(run({ published: 100 }), 'queue over 1,000', T0 + 60_000);
    expect(held.throttleReason).toBe('queue over 1,000');
    const released = releaseHold(held, T0 + 60_000);
    expect(released.throttleReason).toBeNull();
    expect(dueCount(released.pace, released.total, T0 + 60_000)).toBe(100);
    expect(dueCount(released.pace, released.total, T0 + 61_000)).toBe(110);
  });
});
