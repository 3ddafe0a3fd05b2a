import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { signInAs } from './access/access.testing';
import { SIGNED_OUT_NOTICE } from './access/access.service';
import { App } from './app';
import { routes } from './app.routes';
import { LIVE_SOCKET } from './live/live-socket';
import { FakeLiveSocket } from './live/live.testing';
import { aRun } from './shared/run.testing';

describe('App', () => {
  let socket: FakeLiveSocket;
  let fixture: ComponentFixture<App>;
  let element: HTMLElement;

  const connection = (): HTMLElement | null => element.querySelector('[data-testid="connection-state"]');
  const navigate = async (url: string): Promise<void> => {
    await TestBed.inject(Router).navigateByUrl(url);
    await fixture.whenStable();
  };

  beforeEach(async () => {
    socket = new FakeLiveSocket();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(routes, withComponentInputBinding()),
        { provide: LIVE_SOCKET, useFactory: () => socket.asSocket() },
      ],
    });
    signInAs('operator');
    fixture = TestBed.createComponent(App);
    element = fixture.nativeElement as HTMLElement;
    await navigate('/');
  });

  it('shows the title, the pages, the connection state, Sign out and, at /, the form and the live runs', async () => {
    expect(element.querySelector('h1')?.textContent).toContain('Rate runner');
    expect(Array.from(element.querySelectorAll('nav a'), (link) => [link.textContent?.trim(), link.getAttribute('href')])).toEqual([
      ['Runs', '/'],
      ['Datasets', '/datasets'],
      ['Workers', '/workers'],
      ['System', '/system'],
    ]);
    expect(element.querySelector('nav a[aria-current="page"]')?.textContent?.trim()).toBe('Runs');
    expect(element.querySelector('app-start-run-form form')).not.toBeNull();
    expect(element.querySelector('[data-testid="session-role"]')?.textContent).toContain('Operator');
    expect(element.querySelector('[data-testid="sign-out"]')?.textContent).toContain('Sign out');
    expect(connection()?.getAttribute('data-state')).toBe('connecting');
    expect(connection()?.textContent).toContain('Connecting');
    expect(element.querySelector('app-run-list')?.textContent).toContain('Waiting for the live feed');

    socket.receive('connect');
    socket.receive('snapshot', [aRun({ id: 'r-1' }), aRun({ id: 'r-2', createdAt: '2026-11-23T10:30:00.000Z' })]);
    await fixture.whenStable();

    expect(connection()?.getAttribute('data-state')).toBe('connected');
    expect(connection()?.textContent).toContain('Live');
    const cards = Array.from(element.querySelectorAll('[data-testid="run-card"] h3'), (heading) => heading.textContent?.trim());
    expect(cards).toEqual(['Run r-2', 'Run r-1']);
    expect(element.querySelector('[data-testid="run-card"] a')?.getAttribute('href')).toBe('/runs/r-2');
    expect(element.querySelector('app-run-card progress')?.getAttribute('aria-valuetext')).toBe('8.5%, 85 of 1,000 jobs done');
    expect(element.querySelector('.stale-note')).toBeNull();

    socket.receive('disconnect', 'transport close');
    await fixture.whenStable();
    expect(connection()?.getAttribute('data-state')).toBe('reconnecting');
    expect(connection()?.textContent).toContain('Reconnecting');
    expect(element.querySelector('.stale-note')?.textContent).toContain('last known state');
    expect(element.querySelectorAll('app-run-card')).toHaveLength(2);
  });

  it('offers to reconnect once the client stopped retrying', async () => {
    socket.active = false;
    socket.receive('disconnect', 'io server disconnect');
    await fixture.whenStable();
    expect(connection()?.getAttribute('data-state')).toBe('disconnected');
    expect(connection()?.textContent).toContain('Disconnected');

    connection()?.querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();
    expect(socket.connectCalls).toBe(2);
    expect(connection()?.textContent).toContain('Connecting');
  });

  it('routes to the datasets, workers and system pages, keeping the connection state in the header', async () => {
    await navigate('/datasets?dataset=mkq3x1c00abc');
    expect(element.querySelector('app-datasets-page #datasets-title')?.textContent).toContain('Datasets');
    expect(element.querySelector('nav a[aria-current="page"]')?.textContent?.trim()).toBe('Datasets');
    TestBed.inject(HttpTestingController).expectOne((request) => request.url === '/api/datasets');
    TestBed.inject(HttpTestingController).expectOne('/api/datasets/mkq3x1c00abc');

    await navigate('/workers');
    expect(element.querySelector('app-workers-page h2')?.textContent).toContain('Workers');
    expect(element.querySelector('nav a[aria-current="page"]')?.textContent?.trim()).toBe('Workers');
    expect(connection()).not.toBeNull();

    await navigate('/system');
    expect(element.querySelector('app-system-page h2')?.textContent).toContain('System');
    TestBed.inject(HttpTestingController).expectOne('/api/health/ready');
  });

  it('shows a viewer the runs live, but no start form and no run controls', async () => {
    signInAs('viewer');
    socket.receive('connect');
    socket.receive('snapshot', [aRun({ id: 'r-1' })]);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="session-role"]')?.textContent).toContain('Viewer');
    expect(element.querySelector('app-start-run-form')).toBeNull();
    expect(element.querySelectorAll('[data-testid="run-card"]')).toHaveLength(1);
    expect(element.querySelectorAll('app-run-card button')).toHaveLength(0);
  });

  it('signs out to the sign-in form, and back in to the page it was on', async () => {
    await navigate('/workers');
    element.querySelector<HTMLButtonElement>('[data-testid="sign-out"]')?.click();
    await fixture.whenStable();
    expect(element.querySelector('nav')).toBeNull();
    expect(element.querySelector('app-workers-page')).toBeNull();
    expect(element.querySelector('[data-testid="sign-in-notice"]')?.textContent).toContain(SIGNED_OUT_NOTICE);
    expect(element.querySelector('app-sign-in form')).not.toBeNull();

    signInAs('operator');
    await fixture.whenStable();
    expect(element.querySelector('app-sign-in')).toBeNull();
    expect(element.querySelector('app-workers-page h2')?.textContent).toContain('Workers');
  });
});
