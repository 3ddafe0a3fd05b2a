import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { LIVE_SOCKET } from '../live/live-socket';
import { FakeLiveSocket } from '../live/live.testing';
import { byTestId, fakeIntervalsOnly } from '../shared/component.testing';
import { CLOCK } from '../shared/ticking-clock';
import { HEALTH_POLL_MS, SystemPageComponent } from './system-page.component';

describe('SystemPageComponent', () => {
  let socket: FakeLiveSocket;
  let http: HttpTestingController;
  let fixture: ComponentFixture<SystemPageComponent>;
  let element: HTMLElement;

  const { text } = byTestId(() => fixture);

  const states = (): Record<string, string | null> =>
    Object.fromEntries(
      Array.from(element.querySelectorAll('[data-testid="health-row"]'), (row) => [
        row.getAttribute('data-dependency'),
        row.getAttribute('data-state'),
      ]),
    );

  beforeEach(async () => {
    // Only the polling interval is faked: Angular's own scheduling keeps the real timers.
    fakeIntervalsOnly();
    socket = new FakeLiveSocket();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LIVE_SOCKET, useFactory: () => socket.asSocket() },
        { provide: CLOCK, useValue: () => new Date(2026, 10, 23, 14, 5, 9).getTime() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SystemPageComponent);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    // The status requests of each check are the subject of the last test; the others leave them unanswered.
    http.match('/api/status');
    http.verify();
    jest.useRealTimers();
  });

  it('shows the live feed state', async () => {
    expect(element.querySelector('[data-testid="system-connection"]')?.getAttribute('data-state')).toBe('connecting');
    socket.receive('connect');
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="system-connection"]')?.getAttribute('data-state')).toBe('connected');
    expect(text('system-connection')).toContain('Live');
    http.expectOne('/api/health/ready');
  });

  it('checks the services at once, then every 5 s, with the time of the last check', async () => {
    expect(states()).toEqual({ redis: 'unknown', rabbitmq: 'unknown', elasticsearch: 'unknown' });
    http
      .expectOne('/api/health/ready')
      .flush({ status: 'ok', dependencies: { redis: { status: 'up' }, rabbitmq: { status: 'up' }, elasticsearch: { status: 'up' } } });
    await fixture.whenStable();
    expect(states()).toEqual({ redis: 'up', rabbitmq: 'up', elasticsearch: 'up' });
    expect(text('health-overall')).toBe('Ready');
    expect(text('health-checked-at')).toMatch(/^Last checked at .*2:05:09/);

    jest.advanceTimersByTime(HEALTH_POLL_MS);
    http.expectOne('/api/health/ready').flush(
      {
        status: 'unavailable',
        dependencies: { redis: { status: 'up' }, rabbitmq: { status: 'down', error: 'not connected' }, elasticsearch: { status: 'up' } },
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await fixture.whenStable();
    expect(states()).toEqual({ redis: 'up', rabbitmq: 'down', elasticsearch: 'up' });
    expect(element.querySelector('[data-dependency="rabbitmq"]')?.textContent).toContain('not connected');
    expect(text('health-overall')).toBe('Not ready');
    expect(element.querySelector('[data-testid="health-error"]')).toBeNull();
  });

  it('shows a failed check, never swallows it, and marks each service unknown', async () => {
    http.expectOne('/api/health/ready').flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' });
    await fixture.whenStable();
    expect(text('health-error')).toBe('Could not check the services: the server answered 502 Bad Gateway.');
    expect(states()).toEqual({ redis: 'unknown', rabbitmq: 'unknown', elasticsearch: 'unknown' });

    jest.advanceTimersByTime(HEALTH_POLL_MS);
    http.expectOne('/api/health/ready').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(text('health-error')).toContain('cannot be reached');
  });

  it('shows the status of every backend, a late one marked, and a failed status read on its own', async () => {
    const rowStates = (): Record<string, string | null> =>
      Object.fromEntries(
        Array.from(element.querySelectorAll('[data-testid="status-row"]'), (row) => [
          row.getAttribute('data-backend'),
          row.getAttribute('data-state'),
        ]),
      );
    expect(rowStates()).toEqual({
      redis: 'unknown',
      rabbitmq: 'unknown',
      elasticsearch: 'unknown',
      schedulers: 'unknown',
      workers: 'unknown',
    });
    http.expectOne('/api/health/ready').flush({ status: 'ok', dependencies: {} });
    http.expectOne('/api/status').flush({
      checkedAt: '2026-12-01T10:00:00.000Z',
      deadlineMs: 150,
      redis: {
        state: 'ok',
        latencyMs: 2,
        value: { usedMemoryBytes: 1_048_576, connectedClients: 3, nodes: [{ address: '127.0.0.1:6379', role: 'master', up: true }] },
      },
      rabbitmq: {
        state: 'ok',
        latencyMs: 4,
        value: {
          nodes: [
            { address: '127.0.0.1:5681', role: 'connected', up: true },
            { address: '127.0.0.1:5682', role: 'standby', up: false },
          ],
          queues: [{ name: 'rr.jobs', messages: 10, consumers: 2 }],
        },
      },
      elasticsearch: { state: 'timeout', latencyMs: 151 },
      schedulers: { state: 'ok', latencyMs: 1, value: { leader: 'scheduler-1', epoch: 3 } },
      workers: { state: 'ok', latencyMs: 1, value: [] },
    });
    await fixture.whenStable();
    expect(rowStates()).toEqual({ redis: 'ok', rabbitmq: 'ok', elasticsearch: 'timeout', schedulers: 'ok', workers: 'ok' });
    expect(element.querySelector('[data-backend="elasticsearch"]')?.textContent).toContain('nothing within the 150 ms deadline');
    // Every node of the engines that answered; the late one has none.
    const nodes = Array.from(element.querySelectorAll('[data-testid="node-row"]'), (row) =>
      [row.getAttribute('data-engine'), row.getAttribute('data-up'), row.querySelectorAll('td')[0]?.textContent?.trim()].join(' '),
    );
    expect(nodes).toEqual(['Redis true 127.0.0.1:6379', 'RabbitMQ true 127.0.0.1:5681', 'RabbitMQ false 127.0.0.1:5682']);

    jest.advanceTimersByTime(HEALTH_POLL_MS);
    http.expectOne('/api/health/ready').flush({ status: 'ok', dependencies: {} });
    http.expectOne('/api/status').flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' });
    await fixture.whenStable();
    expect(text('status-error')).toBe('Could not read the status: the server answered 502 Bad Gateway.');
    expect(element.querySelector('[data-testid="health-error"]')).toBeNull();
  });
});
