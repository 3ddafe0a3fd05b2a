import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { signInAs } from '../access/access.testing';
import { byTestId } from '../shared/component.testing';
import { FailuresPanelComponent } from './failures-panel.component';
import { aFailure } from './run-detail.testing';

describe('FailuresPanelComponent', () => {
  let fixture: ComponentFixture<FailuresPanelComponent>;
  let http: HttpTestingController;
  let element: HTMLElement;

  const { click, text } = byTestId(() => fixture);

  const failuresRequest = (): TestRequest => http.expectOne((request) => request.url === '/api/runs/r-1/failures');
  const rows = (): string[] =>
    Array.from(element.querySelectorAll('[data-testid="failure-row"]'), (row) => row.getAttribute('data-seq') ?? '');

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator');
    fixture = TestBed.createComponent(FailuresPanelComponent);
    fixture.componentRef.setInput('runId', 'r-1');
    fixture.componentRef.setInput('failed', 3);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('lists the dead letters, page by page', async () => {
    const first = failuresRequest();
    expect(first.request.params.get('size')).toBe('50');
    expect(first.request.params.has('cursor')).toBe(false);
    first.flush({ items: [aFailure(4), aFailure(9)], nextCursor: '9' });
    await fixture.whenStable();
    expect(rows()).toEqual(['4', '9']);
    expect(element.querySelector('[data-testid="failures-list"]')?.textContent).toContain('poison processor always fails');

    Array.from(element.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Load more')
      ?.click();
    const next = failuresRequest();
    expect(next.request.params.get('cursor')).toBe('9');
    next.flush({ items: [aFailure(12)], nextCursor: null });
    await fixture.whenStable();
    expect(rows()).toEqual(['4', '9', '12']);
    expect(Array.from(element.querySelectorAll('button')).some((button) => button.textContent?.trim() === 'Load more')).toBe(false);
  });

  it('replays them, says how many, and reads the list again', async () => {
    failuresRequest().flush({ items: [aFailure(4)], nextCursor: null });
    await fixture.whenStable();

    await click('replay-button');
    expect(element.querySelector('[data-testid="replay-button"]')?.getAttribute('aria-disabled')).toBe('true');
    http.expectOne({ method: 'POST', url: '/api/runs/r-1/failures/replay' }).flush({ replayed: 20 });
    await fixture.whenStable();
    expect(text('replay-feedback')).toBe('Replayed 20 dead letters: each is published again as its next attempt.');

    failuresRequest().flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(text('failures-empty')).toBe('No dead letters.');
  });

  it('shows a refused replay', async () => {
    failuresRequest().flush({ items: [], nextCursor: null });
    await click('replay-button');
    http
      .expectOne('/api/runs/r-1/failures/replay')
      .flush({ statusCode: 500, message: 'Internal server error' }, { status: 500, statusText: 'Internal Server Error' });
    await fixture.whenStable();
    expect(text('replay-feedback')).toBe('Could not replay the failures: the server answered 500 Internal Server Error.');
    expect(element.querySelector('[data-testid="replay-feedback"]')?.getAttribute('role')).toBe('alert');
  });

  it('shows a failed read', async () => {
    failuresRequest().error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(text('failures-error')).toContain('cannot be reached');
  });

  it('lists the dead letters to a viewer, with no Replay', async () => {
    signInAs('viewer');
    failuresRequest().flush({ items: [aFailure(4)], nextCursor: null });
    await fixture.whenStable();
    expect(rows()).toEqual(['4']);
    expect(element.querySelector('[data-testid="replay-button"]')).toBeNull();
  });
});
