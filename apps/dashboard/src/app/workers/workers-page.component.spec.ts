import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { LIVE_SOCKET } from '../live/live-socket';
import { FakeLiveSocket } from '../live/live.testing';
import { fakeIntervalsOnly } from '../shared/component.testing';
import { CLOCK } from '../shared/ticking-clock';
import { WorkersPageComponent } from './workers-page.component';
import { aWorker } from './workers.testing';

describe('WorkersPageComponent', () => {
  let socket: FakeLiveSocket;
  let now: number;
  let fixture: ComponentFixture<WorkersPageComponent>;
  let element: HTMLElement;

  const rows = (): HTMLElement[] => Array.from(element.querySelectorAll<HTMLElement>('[data-testid="worker-row"]'));
  const cell = (row: HTMLElement, testId: string): string => row.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';

  beforeEach(async () => {
    // Only the page's ticking interval is faked: Angular's own scheduling keeps the real timers.
    fakeIntervalsOnly();
    socket = new FakeLiveSocket();
    now = Date.parse('2026-11-23T12:00:00.000Z');
    TestBed.configureTestingModule({
      providers: [
        { provide: LIVE_SOCKET, useFactory: () => socket.asSocket() },
        { provide: CLOCK, useValue: () => now },
      ],
    });
    fixture = TestBed.createComponent(WorkersPageComponent);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => jest.useRealTimers());

  it('waits for the live feed, then lists each live worker', async () => {
    expect(element.querySelector('[data-testid="workers-empty"]')?.textContent).toContain('Waiting for the live feed');

    socket.receive('connect');
    socket.receive('workers', [
      aWorker({
        id: 'w-2',
        host: 'beta',
        pid: 22,
        startedAt: '2026-11-23T11:00:00.000Z',
        lastSeenAt: '2026-11-23T11:59:59.700Z',
        rate: 600,
      }),
      aWorker({
        id: 'w-1',
        host: 'alpha',
        pid: 11,
        processed: 12345,
        storageAvailable: false,
        limits: { httpInFlight: 64, hashThreads: 8 },
      }),
    ]);
    await fixture.whenStable();

    expect(rows().map((row) => row.getAttribute('data-worker-id'))).toEqual(['w-1', 'w-2']);
    const [first, second] = rows();
    expect(first.textContent).toContain('alpha');
    expect(cell(first, 'worker-processed')).toBe('12,345');
    expect(cell(first, 'worker-storage')).toBe('Unavailable (circuit open)');
    expect(cell(first, 'worker-http-in-flight')).toBe('64');
    expect(cell(first, 'worker-hash-threads')).toBe('8');
    expect(cell(second, 'worker-uptime')).toBe('1h 00m 00s');
    expect(cell(second, 'worker-heartbeat')).toBe('0.3s ago');
    expect(cell(second, 'worker-rate')).toBe('600/min');
    expect(element.querySelector('[data-testid="workers-count"]')?.textContent).toContain('2 live workers');
  });

  it('ticks the uptime and heartbeat age between lists', async () => {
    socket.receive('connect');
    socket.receive('workers', [aWorker({ id: 'w-1', startedAt: '2026-11-23T11:59:00.000Z', lastSeenAt: '2026-11-23T12:00:00.000Z' })]);
    await fixture.whenStable();
    expect(cell(rows()[0], 'worker-uptime')).toBe('1m 00s');

    now += 3_000;
    jest.advanceTimersByTime(3_000);
    await fixture.whenStable();
    expect(cell(rows()[0], 'worker-uptime')).toBe('1m 03s');
    expect(cell(rows()[0], 'worker-heartbeat')).toBe('3.0s ago');
  });

  it('drops a worker the server stops sending', async () => {
    socket.receive('connect');
    socket.receive('workers', [aWorker({ id: 'w-1' }), aWorker({ id: 'w-2' })]);
    await fixture.whenStable();
    socket.receive('workers', [aWorker({ id: 'w-2' })]);
    await fixture.whenStable();
    expect(rows().map((row) => row.getAttribute('data-worker-id'))).toEqual(['w-2']);

    socket.receive('workers', []);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="workers-empty"]')?.textContent).toContain('No live workers');
  });

  it('says when the list may be out of date', async () => {
    socket.receive('connect');
    socket.receive('workers', [aWorker()]);
    socket.receive('disconnect', 'transport close');
    await fixture.whenStable();
    expect(element.querySelector('.stale-note')?.textContent).toContain('interrupted');
  });
});
