import { TestBed } from '@angular/core/testing';
import { aRun } from '../shared/run.testing';
import { LiveRunsService } from './live-runs.service';
import { LIVE_SOCKET } from './live-socket';
import { FakeLiveSocket } from './live.testing';

describe('LiveRunsService', () => {
  let socket: FakeLiveSocket;
  let service: LiveRunsService;

  beforeEach(() => {
    socket = new FakeLiveSocket();
    TestBed.configureTestingModule({ providers: [{ provide: LIVE_SOCKET, useFactory: () => socket.asSocket() }] });
    service = TestBed.inject(LiveRunsService);
  });

  it('connects once its listeners are in place', () => {
    expect(socket.connectCalls).toBe(1);
    expect(socket.listenerCount('snapshot')).toBe(1);
    expect(socket.listenerCount('run')).toBe(1);
    expect(service.connectionState()).toBe('connecting');
    expect(service.loaded()).toBe(false);
  });

  it('tracks the connection: connected, reconnecting while the client retries, disconnected when it stops', () => {
    socket.receive('connect');
    expect(service.connectionState()).toBe('connected');

    socket.receive('disconnect', 'transport close');
    expect(service.connectionState()).toBe('reconnecting');

    socket.receive('connect_error', new Error('xhr poll error'));
    expect(service.connectionState()).toBe('reconnecting');

    socket.active = false;
    socket.receive('disconnect', 'io server disconnect');
    expect(service.connectionState()).toBe('disconnected');

    service.reconnect();
    expect(socket.connectCalls).toBe(2);
    expect(service.connectionState()).toBe('connecting');
  });

  it('takes the snapshot as the whole state, then applies run events', () => {
    const older = aRun({ id: 'a', createdAt: '2026-11-23T10:00:00.000Z' });
    const newer = aRun({ id: 'b', createdAt: '2026-11-23T10:00:05.000Z' });
    socket.receive('snapshot', [older, newer]);
    expect(service.loaded()).toBe(true);
    expect(service.runs().map((run) => run.id)).toEqual(['b', 'a']);

    const update = { ...older, processed: 500, version: older.version + 415 };
    socket.receive('run', update);
    expect(service.runsById().get('a')).toBe(update);

    socket.receive('run', { ...older, processed: 1, version: older.version - 1 });
    expect(service.runsById().get('a')).toBe(update);
  });

  it('replaces the state with the fresh snapshot sent after a reconnect', () => {
    socket.receive('snapshot', [aRun({ id: 'a' }), aRun({ id: 'b' })]);
    socket.receive('disconnect', 'transport close');
    socket.receive('connect');
    socket.receive('snapshot', [aRun({ id: 'c' })]);
    expect(service.runs().map((run) => run.id)).toEqual(['c']);
  });

  it('merges a run created over REST by the same rule', () => {
    const created = aRun({ id: 'new', createdAt: '2026-11-23T11:00:00.000Z' });
    socket.receive('snapshot', [aRun({ id: 'a' })]);
    service.upsert(created);
    expect(service.runs().map((run) => run.id)).toEqual(['new', 'a']);
  });

  it('closes the socket and drops its listeners when the app is torn down', () => {
    TestBed.resetTestingModule();
    expect(socket.disconnectCalls).toBe(1);
    expect(socket.listenerCount('run')).toBe(0);
  });
});
