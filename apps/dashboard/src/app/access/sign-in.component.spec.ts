import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { Session } from '@app/contracts';
import { byTestId } from '../shared/component.testing';
import { UNREACHABLE } from '../shared/request-error';
import { AccessService, TOKEN_REFUSED_NOTICE } from './access.service';
import { EMPTY_TOKEN, SignInComponent, WRONG_TOKEN } from './sign-in.component';

describe('SignInComponent', () => {
  let fixture: ComponentFixture<SignInComponent>;
  let http: HttpTestingController;
  let access: AccessService;
  let element: HTMLElement;

  const { text } = byTestId(() => fixture);
  const tokenField = (): HTMLInputElement => element.querySelector<HTMLInputElement>('#sign-in-token') as HTMLInputElement;
  const signInWith = async (token: string): Promise<void> => {
    tokenField().value = token;
    tokenField().dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    access = TestBed.inject(AccessService);
    fixture = TestBed.createComponent(SignInComponent);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('asks for the token in a labelled, masked field', () => {
    expect(element.querySelector('label[for="sign-in-token"]')?.textContent).toContain('Access token');
    expect(tokenField().type).toBe('password');
    expect(element.querySelector('[data-testid="sign-in-notice"]')).toBeNull();
  });

  it('asks for a token before asking the api', async () => {
    await signInWith('   ');
    expect(text('sign-in-error')).toBe(EMPTY_TOKEN);
    http.expectNone('/api/session');
  });

  it('says a refused token is not valid, and stays signed out', async () => {
    await signInWith('wrong-token');
    http.expectOne('/api/session').flush({ message: 'a valid token is required' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    expect(text('sign-in-error')).toBe(WRONG_TOKEN);
    expect(tokenField().getAttribute('aria-invalid')).toBe('true');
    expect(access.signedIn()).toBe(false);
  });

  it('signs in with the pasted token, trimmed, once the api accepts it', async () => {
    await signInWith('  right-token \n');
    const request = http.expectOne('/api/session');
    expect(request.request.headers.get('Authorization')).toBe('Bearer right-token');
    expect(text('sign-in-submit')).toBe('Signing in…');
    expect(element.querySelector<HTMLButtonElement>('[data-testid="sign-in-submit"]')?.disabled).toBe(true);

    request.flush({ role: 'viewer' } satisfies Session);
    await fixture.whenStable();
    expect(access.token()).toBe('right-token');
    expect(access.role()).toBe('viewer');
    expect(element.querySelector('[data-testid="sign-in-error"]')).toBeNull();
  });

  it('says when the api cannot be reached', async () => {
    await signInWith('right-token');
    http.expectOne('/api/session').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(text('sign-in-error')).toBe(UNREACHABLE);
    expect(text('sign-in-submit')).toBe('Sign in');
  });

  it('says why the dashboard was signed out', async () => {
    access.signIn('old-token').subscribe();
    http.expectOne('/api/session').flush({ role: 'operator' } satisfies Session);
    access.refused('old-token');
    await fixture.whenStable();
    expect(text('sign-in-notice')).toBe(TOKEN_REFUSED_NOTICE);
  });
});
