import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { App } from './app';
import { RUNS_SOCKET } from './runs/runs-socket';
import { aRun, FakeRunsSocket } from './runs/runs.testing';

describe('App', () => {
  let socket: FakeRunsSocket;

  beforeEach(() => {
    socket = new FakeRunsSocket();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: RUNS_SOCKET, useFactory: () => socket.asSocket() }],
    });
  });

  it('shows the title, the form, the connection state and the live runs', async () => {
    const fixture = TestBed.createComponent(App);
    const element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();

    expect(element.querySelector('h1')?.textContent).toContain('Rate runner');
    expect(element.querySelector('app-start-run-form form')).not.toBeNull();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Connecting');
    expect(element.querySelector('app-run-list')?.textContent).toContain('Waiting for the live feed');

    socket.receive('connect');
    socket.receive('snapshot', [aRun({ id: 'r-1' }), aRun({ id: 'r-2', createdAt: '2026-11-23T10:30:00.000Z' })]);
    await fixture.whenStable();

    expect(element.querySelector('[role="status"]')?.textContent).toContain('Live');
    const cards = Array.from(element.querySelectorAll('app-run-card h3'), (heading) => heading.textContent?.trim());
    expect(cards).toEqual(['Run r-2', 'Run r-1']);
    expect(element.querySelector('app-run-card progress')?.getAttribute('aria-valuetext')).toBe('8.5%, 85 of 1,000 jobs done');
    expect(element.querySelector('.stale-note')).toBeNull();

    socket.receive('disconnect', 'transport close');
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Reconnecting');
    expect(element.querySelector('.stale-note')?.textContent).toContain('last known state');
    expect(element.querySelectorAll('app-run-card')).toHaveLength(2);
  });

  it('offers to reconnect once the client stopped retrying', async () => {
    const fixture = TestBed.createComponent(App);
    const element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();

    socket.active = false;
    socket.receive('disconnect', 'io server disconnect');
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Disconnected');

    element.querySelector<HTMLButtonElement>('.connection button')?.click();
    await fixture.whenStable();
    expect(socket.connectCalls).toBe(2);
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Connecting');
  });
});
