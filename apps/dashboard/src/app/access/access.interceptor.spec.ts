import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { accessInterceptor } from './access.interceptor';
import { AccessService, TOKEN_REFUSED_NOTICE } from './access.service';
import { signInAs } from './access.testing';

describe('accessInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let access: AccessService;

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(withInterceptors([accessInterceptor])), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    access = TestBed.inject(AccessService);
  });

  afterEach(() => http.verify());

  it('sends no token while signed out', () => {
    client.get('/api/runs').subscribe();
    const request = http.expectOne('/api/runs');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({ items: [], nextCursor: null });
  });

  it("sends the held token as a Bearer on the api's requests, and on no others", () => {
    signInAs('operator', 'secret');
    client.post('/api/runs/r-1/pause', null).subscribe();
    client.get('https://example.com/api/runs').subscribe();
    client.get('/assets/logo.svg').subscribe();

    expect(http.expectOne('/api/runs/r-1/pause').request.headers.get('Authorization')).toBe('Bearer secret');
    expect(http.expectOne('https://example.com/api/runs').request.headers.has('Authorization')).toBe(false);
    expect(http.expectOne('/assets/logo.svg').request.headers.has('Authorization')).toBe(false);
  });

  it('signs out, saying why, when the api refuses the token', () => {
    signInAs('operator', 'secret');
    const errors: unknown[] = [];
    client.get('/api/runs').subscribe({ error: (error: unknown) => errors.push(error) });
    http.expectOne('/api/runs').flush({ message: 'a valid token is required' }, unauthorized);

    expect(errors).toHaveLength(1);
    expect(access.signedIn()).toBe(false);
    expect(access.signedOutNotice()).toBe(TOKEN_REFUSED_NOTICE);
  });

  it('stays signed in on any other refusal (a 403 is the viewer asking for a change)', () => {
    signInAs('viewer', 'read-only');
    client.post('/api/runs', {}).subscribe({ error: () => undefined });
    http.expectOne('/api/runs').flush({ message: 'the read-only token cannot change anything' }, { status: 403, statusText: 'Forbidden' });
    expect(access.token()).toBe('read-only');
  });

  it('leaves a request carrying its own token as it is, and its refusal to the caller', () => {
    signInAs('operator', 'secret');
    client.get('/api/session', { headers: { Authorization: 'Bearer pasted' } }).subscribe({ error: () => undefined });
    const request = http.expectOne('/api/session');
    expect(request.request.headers.get('Authorization')).toBe('Bearer pasted');
    request.flush({ message: 'a valid token is required' }, unauthorized);
    expect(access.token()).toBe('secret');
  });
});
