import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LIVE_TOKEN_REFUSED } from '@app/contracts';
import { signInAs } from '../access/access.testing';
import { AccessService, TOKEN_REFUSED_NOTICE } from '../access/access.service';
import { aRun } from '../shared/run.testing';
import { LiveRunsService } from './live-runs.service';
import { LIVE_SOCKET } from './live-socket';
import { FakeLiveSocket } from './live.testing';

describe('LiveRunsService', () => {
  let socket: FakeLiveSocket;
  let service: LiveRunsService;
  let access: AccessService;
  let http: HttpTestingController;

  beforeEach(() => {
    socket = new FakeLiveSocket();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: LIVE_SOCKET, useFactory: () => socket.asSocket() }],
    });
    http = TestBed.inject(HttpTestingController);
    access = TestBed.inject(AccessService);
    signInAs('operator', 'token-1');
    service = TestBed.inject(LiveRunsService);
    TestBed.tick();
  });

  afterEach(() => http.verify());

  it('connects with the token once its listeners are in place', () => {
    expect(socket.connectCalls).toBe(1);
    expect(socket.auth).toEqual({ token: 'token-1' });
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

  it('connects only once signed in', () => {
    access.signOut();
    TestBed.tick();
    const calls = socket.connectCalls;
    service.reconnect();
    expect(socket.connectCalls).toBe(calls);

    signInAs('viewer', 'token-2');
    TestBed.tick();
    expect(socket.connectCalls).toBe(calls + 1);
    expect(socket.auth).toEqual({ token: 'token-2' });
  });

  it('connects again with the new token after another sign-in', () => {
    signInAs('viewer', 'token-2');
    TestBed.tick();
    expect(socket.disconnectCalls).toBe(1);
    expect(socket.connectCalls).toBe(2);
    expect(socket.auth).toEqual({ token: 'token-2' });
  });

  it('closes the connection and forgets the runs on sign-out', () => {
    socket.receive('snapshot', [aRun({ id: 'a' })]);
    access.signOut();
    TestBed.tick();
    expect(socket.disconnectCalls).toBe(1);
    expect(service.runs()).toEqual([]);
    expect(service.loaded()).toBe(false);
  });

  it('signs out when the feed refuses the token', () => {
    socket.active = false;
    socket.receive('connect_error', new Error(LIVE_TOKEN_REFUSED));
    expect(access.signedIn()).toBe(false);
    expect(access.signedOutNotice()).toBe(TOKEN_REFUSED_NOTICE);
  });

  it('stays signed in, disconnected, when the feed refuses the origin', () => {
    socket.active = false;
    socket.receive('connect_error', new Error('origin https://evil.example may not open the live feed'));
    expect(access.signedIn()).toBe(true);
    expect(service.connectionState()).toBe('disconnected');
  });
});
