import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Session } from '@app/contracts';
import { AccessService, SIGNED_OUT_NOTICE, TOKEN_REFUSED_NOTICE } from './access.service';
import { TOKEN_KEY } from './token-storage';

describe('AccessService', () => {
  let http: HttpTestingController;
  let access: AccessService;

  const sessionRequest = (): TestRequest => http.expectOne({ method: 'GET', url: '/api/session' });
  const answer = (request: TestRequest, role: Session['role']): void => request.flush({ role } satisfies Session);
  const refuse = (request: TestRequest): void =>
    request.flush({ message: 'a valid token is required' }, { status: 401, statusText: 'Unauthorized' });

  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', '/');
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    access = TestBed.inject(AccessService);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('starts signed out when the address has no token and none is kept', () => {
    access.start();
    expect(access.signedIn()).toBe(false);
    expect(access.token()).toBeNull();
    expect(access.role()).toBeNull();
    expect(access.signedOutNotice()).toBeNull();
  });

  it("takes the sign-in link's token, out of the address bar, keeps it, then reads its role", () => {
    history.replaceState(null, '', '/runs/r-1#token=link-token');
    access.start();

    expect(location.href).toBe('http://localhost/runs/r-1');
    expect(access.signedIn()).toBe(true);
    expect(access.token()).toBe('link-token');
    expect(localStorage.getItem(TOKEN_KEY)).toBe('link-token');
    expect(access.role()).toBeNull();
    expect(access.canControl()).toBe(false);

    const request = sessionRequest();
    expect(request.request.headers.get('Authorization')).toBe('Bearer link-token');
    answer(request, 'viewer');
    expect(access.role()).toBe('viewer');
    expect(access.canControl()).toBe(false);
  });

  it('uses the token kept from an earlier visit, and the link over it', () => {
    localStorage.setItem(TOKEN_KEY, 'kept-token');
    access.start();
    expect(access.token()).toBe('kept-token');
    answer(sessionRequest(), 'operator');
    expect(access.role()).toBe('operator');
    expect(access.canControl()).toBe(true);

    history.replaceState(null, '', '/#token=link-token');
    access.start();
    expect(access.token()).toBe('link-token');
    expect(localStorage.getItem(TOKEN_KEY)).toBe('link-token');
    answer(sessionRequest(), 'operator');
  });

  it('signs out, saying why, when the api refuses the kept token', () => {
    localStorage.setItem(TOKEN_KEY, 'old-token');
    access.start();
    refuse(sessionRequest());
    expect(access.signedIn()).toBe(false);
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(access.signedOutNotice()).toBe(TOKEN_REFUSED_NOTICE);
  });

  it('reads the role again while the api cannot answer', () => {
    jest.useFakeTimers();
    localStorage.setItem(TOKEN_KEY, 'kept-token');
    access.start();
    sessionRequest().error(new ProgressEvent('error'), { status: 0, statusText: '' });
    expect(access.signedIn()).toBe(true);
    http.expectNone('/api/session');

    jest.advanceTimersByTime(2_000);
    answer(sessionRequest(), 'operator');
    expect(access.role()).toBe('operator');
  });

  it('signs in with a token once the api accepts it, and not with a refused one', () => {
    const outcomes: string[] = [];
    access.signIn('wrong').subscribe({ error: () => outcomes.push('refused') });
    refuse(sessionRequest());
    expect(outcomes).toEqual(['refused']);
    expect(access.signedIn()).toBe(false);
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();

    access.signIn('right').subscribe(() => outcomes.push('signed in'));
    const request = sessionRequest();
    expect(request.request.headers.get('Authorization')).toBe('Bearer right');
    answer(request, 'operator');
    expect(outcomes).toEqual(['refused', 'signed in']);
    expect(access.token()).toBe('right');
    expect(access.role()).toBe('operator');
    expect(localStorage.getItem(TOKEN_KEY)).toBe('right');
  });

  it('forgets the token on sign-out', () => {
    access.signIn('right').subscribe();
    answer(sessionRequest(), 'viewer');
    access.signOut();
    expect(access.signedIn()).toBe(false);
    expect(access.role()).toBeNull();
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(access.signedOutNotice()).toBe(SIGNED_OUT_NOTICE);
  });

  it('ignores the refusal of a token it no longer holds', () => {
    access.signIn('new-token').subscribe();
    answer(sessionRequest(), 'operator');
    access.refused('old-token');
    expect(access.token()).toBe('new-token');

    access.refused('new-token');
    expect(access.signedIn()).toBe(false);
    expect(access.signedOutNotice()).toBe(TOKEN_REFUSED_NOTICE);
  });

  it('stops reading the role of a token signed out of meanwhile', () => {
    localStorage.setItem(TOKEN_KEY, 'kept-token');
    access.start();
    const pending = sessionRequest();
    access.signOut();
    expect(pending.cancelled).toBe(true);
  });
});
