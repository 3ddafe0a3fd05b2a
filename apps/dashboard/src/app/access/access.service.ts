import { HttpErrorResponse } from '@angular/common/http';
import { computed, DOCUMENT, inject, Injectable, signal } from '@angular/core';
import type { AccessRole, Session } from '@app/contracts';
import { type Observable, retry, type Subscription, tap, throwError, timer } from 'rxjs';
import { SessionApiService } from './session-api.service';
import { takeSignInLinkToken } from './sign-in-link';
import { TOKEN_KEY, TOKEN_STORAGE } from './token-storage';

/** Shown by the sign-in form after the api or the live feed refused the held token. */
export const TOKEN_REFUSED_NOTICE = 'The server no longer accepts this token (it may have been changed). Sign in again.';
/** Shown by the sign-in form after the user signed out. */
export const SIGNED_OUT_NOTICE = 'You signed out.';
/** A read of the role that failed otherwise than by a refusal (the api restarting, say) is tried again this often. */
const ROLE_RETRY_MS = 2_000;

const isRefusal = (error: unknown): boolean => error instanceof HttpErrorResponse && error.status === 401;

/**
 * Who the dashboard acts as: the token it holds (from the sign-in link or the sign-in form, kept in
 * `TOKEN_STORAGE`), which every api request and the live feed carry, and the role the api says it grants. The
 * viewer's token may only read, so the viewer is shown no controls.
 */
@Injectable({ providedIn: 'root' })
export class AccessService {
  private readonly sessions = inject(SessionApiService);
  private readonly storage = inject(TOKEN_STORAGE);
  private readonly document = inject(DOCUMENT);
  private readonly heldToken = signal<string | null>(null);
  private readonly heldRole = signal<AccessRole | null>(null);
  private readonly notice = signal<string | null>(null);
  /** The read of the role of a token taken at start-up, until it answers. */
  private roleRead: Subscription | null = null;

  /** The token requests carry, or null when signed out. */
  readonly token = this.heldToken.asReadonly();
  /** The role of the token, or null while not known yet (a kept token is used at once, its role read meanwhile). */
  readonly role = this.heldRole.asReadonly();
  readonly signedIn = computed(() => this.heldToken() !== null);
  /** Whether to show the controls (start, pause / resume / stop, edit, replay, repair): the operator's only. */
  readonly canControl = computed(() => this.heldRole() === 'operator');
  /** Why the dashboard is signed out (the user did, or the token was refused); null before and after a sign-in. */
  readonly signedOutNotice = this.notice.asReadonly();

  /**
   * At start-up: the sign-in link's token, taken out of the address bar, else the token kept from an earlier
   * visit; then its role. A refused one signs out; the read is tried again while the api cannot answer.
   */
  start(): void {
    const view = this.document.defaultView;
    const token = (view === null ? null : takeSignInLinkToken(view.location, view.history)) ?? (this.storage.getItem(TOKEN_KEY) || null);
    if (token === null) {
      return;
    }
    this.keep(token, null);
    this.roleRead = this.sessions
      .session(token)
      .pipe(retry({ delay: (error: unknown) => (isRefusal(error) ? throwError(() => error) : timer(ROLE_RETRY_MS)) }))
      .subscribe({
        next: ({ role }) => this.heldRole.set(role),
        error: () => this.refused(token),
      });
  }

  /** Signs in with a pasted token once the api accepts it; a refusal (401) or another failure is the caller's to show. */
  signIn(token: string): Observable<Session> {
    return this.sessions.session(token).pipe(tap(({ role }) => this.keep(token, role)));
  }

  signOut(): void {
    this.end(SIGNED_OUT_NOTICE);
  }

  /** The api or the live feed refused `token`: signs out, unless another token has been signed in with since. */
  refused(token: string): void {
    if (this.heldToken() === token) {
      this.end(TOKEN_REFUSED_NOTICE);
    }
  }

  private keep(token: string, role: AccessRole | null): void {
    this.stopRoleRead();
    this.storage.setItem(TOKEN_KEY, token);
    this.heldToken.set(token);
    this.heldRole.set(role);
    this.notice.set(null);
  }

  private end(notice: string): void {
    this.stopRoleRead();
    this.storage.removeItem(TOKEN_KEY);
    this.heldToken.set(null);
    this.heldRole.set(null);
    this.notice.set(notice);
  }

  private stopRoleRead(): void {
    this.roleRead?.unsubscribe();
    this.roleRead = null;
  }
}
