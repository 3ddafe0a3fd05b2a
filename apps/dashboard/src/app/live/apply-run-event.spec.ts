import { aRun } from '../shared/run.testing';
import { applyRunEvent, applySnapshot, latestRun, NO_RUNS } from './apply-run-event';

const ids = (state: ReadonlyMap<string, unknown>): string[] => [...state.keys()];

describe('applySnapshot', () => {
  it('keys the runs by id, newest first', () => {
    const state = applySnapshot([
      aRun({ id: 'b', createdAt: '2026-11-23T10:00:01.000Z' }),
      aRun({ id: 'c', createdAt: '2026-11-23T10:00:02.000Z' }),
      aRun({ id: 'a', createdAt: '2026-11-23T10:00:00.000Z' }),
    ]);
    expect(ids(state)).toEqual(['c', 'b', 'a']);
    expect(state.get('b')?.id).toBe('b');
  });

  it('orders runs created at the same time by id, descending, so the order is stable', () => {
    const createdAt = '2026-11-23T10:00:00.000Z';
    const state = applySnapshot([aRun({ id: 'x1', createdAt }), aRun({ id: 'x3', createdAt }), aRun({ id: 'x2', createdAt })]);
    expect(ids(state)).toEqual(['x3', 'x2', 'x1']);
  });

  it('keeps the latest version of a run listed twice', () => {
    const newer = aRun({ processed: 90, version: 300 });
    const older = aRun({ processed: 10, version: 120 });
    expect(applySnapshot([newer, older]).get('run-1')).toBe(newer);
    expect(applySnapshot([older, newer]).get('run-1')).toBe(newer);
  });

  it('replaces whatever was held before: runs missing from a fresh snapshot are gone', () => {
    const before = applySnapshot([aRun({ id: 'gone' }), aRun({ id: 'kept' })]);
    const after = applySnapshot([aRun({ id: 'kept' })]);
    expect(ids(before)).toContain('gone');
    expect(ids(after)).toEqual(['kept']);
  });

  it('gives an empty map for an empty snapshot', () => {
    expect(applySnapshot([]).size).toBe(0);
  });
});

describe('applyRunEvent', () => {
  const a = aRun({ id: 'a', createdAt: '2026-11-23T10:00:00.000Z' });
  const c = aRun({ id: 'c', createdAt: '2026-11-23T10:00:02.000Z' });
  const state = applySnapshot([a, c]);

  it('replaces a known run with a newer version, in place', () => {
    const update = { ...a, processed: 99, version: a.version + 14 };
    const next = applyRunEvent(state, update);
    expect(next.get('a')).toBe(update);
    expect(ids(next)).toEqual(['c', 'a']);
    expect(state.get('a')).toBe(a);
  });

  it('accepts the same version again: the counters are equal, the rate and ETA are fresher', () => {
    const resent = { ...a, achievedRatePerMinute: 601, etaSeconds: 90 };
    expect(applyRunEvent(state, resent).get('a')).toBe(resent);
  });

  it('ignores a lower version and returns the same map, so a signal does not notify', () => {
    const stale = { ...a, processed: 1, version: a.version - 1 };
    expect(applyRunEvent(state, stale)).toBe(state);
  });

  it('goes by the version, not by the clock: a later updatedAt with a lower version is stale', () => {
    const stale = { ...a, processed: 1, version: a.version - 1, updatedAt: '2026-11-23T11:00:00.000Z' };
    expect(applyRunEvent(state, stale)).toBe(state);
  });

  it('catches up after a reconnect: the snapshot replaces the state, late events from before it are ignored', () => {
    let held = applySnapshot([{ ...a, version: 10, processed: 10 }]);
    held = applyRunEvent(held, { ...a, version: 12, processed: 12 });
    // The connection drops; the fresh snapshot on reconnect carries what was missed.
    held = applySnapshot([{ ...a, version: 40, processed: 40 }, c]);
    // An event sent before the disconnect arrives late.
    held = applyRunEvent(held, { ...a, version: 13, processed: 13 });
    expect(held.get('a')?.processed).toBe(40);
    held = applyRunEvent(held, { ...a, version: 41, processed: 41 });
    expect(held.get('a')?.processed).toBe(41);
  });

  it('returns the same map when the very same run object is applied again', () => {
    expect(applyRunEvent(state, a)).toBe(state);
  });

  it('inserts an unknown run at its place by creation time', () => {
    const newest = aRun({ id: 'd', createdAt: '2026-11-23T10:00:03.000Z' });
    const between = aRun({ id: 'b', createdAt: '2026-11-23T10:00:01.000Z' });
    const oldest = aRun({ id: '0', createdAt: '2026-11-23T09:59:59.000Z' });
    expect(ids(applyRunEvent(state, newest))).toEqual(['d', 'c', 'a']);
    expect(ids(applyRunEvent(state, between))).toEqual(['c', 'b', 'a']);
    expect(ids(applyRunEvent(state, oldest))).toEqual(['c', 'a', '0']);
  });

  it('starts a list from nothing', () => {
    expect(ids(applyRunEvent(NO_RUNS, a))).toEqual(['a']);
    expect(NO_RUNS.size).toBe(0);
  });
});

describe('latestRun', () => {
  const older = aRun({ version: 5 });
  const newer = aRun({ version: 9 });

  it('picks the higher version, either way round', () => {
    expect(latestRun(older, newer)).toBe(newer);
    expect(latestRun(newer, older)).toBe(newer);
  });

  it('takes the incoming one of two equal versions, as the server does', () => {
    const incoming = aRun({ version: 5, achievedRatePerMinute: 601 });
    expect(latestRun(older, incoming)).toBe(incoming);
  });

  it('takes whichever is known', () => {
    expect(latestRun(null, newer)).toBe(newer);
    expect(latestRun(older, undefined)).toBe(older);
    expect(latestRun(null, null)).toBeNull();
  });
});
