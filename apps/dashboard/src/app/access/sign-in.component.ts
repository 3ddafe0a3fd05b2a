import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { finalize } from 'rxjs';
import { requestErrorLine } from '../shared/request-error';
import { AccessService } from './access.service';

export const EMPTY_TOKEN = 'Paste your token first.';
export const WRONG_TOKEN = 'That token is not valid: check that it was copied whole, and try again.';

/**
 * The sign-in form, shown while no token is held: paste the operator's or the viewer's token; the api checks it
 * (`GET /api/session`) before it is kept. Says why the dashboard was signed out, if it was.
 */
@Component({
  selector: 'app-sign-in',
  imports: [ReactiveFormsModule],
  templateUrl: './sign-in.component.html',
  styleUrl: './sign-in.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInComponent {
  private readonly access = inject(AccessService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly failure = signal<string | null>(null);
  private readonly checking = signal(false);

  protected readonly form = new FormGroup({ token: new FormControl('', { nonNullable: true }) });
  protected readonly notice = this.access.signedOutNotice;
  protected readonly error = this.failure.asReadonly();
  protected readonly pending = this.checking.asReadonly();
  protected readonly submitLabel = computed(() => (this.checking() ? 'Signing in…' : 'Sign in'));

  protected submit(): void {
    const token = this.form.controls.token.value.trim();
    if (this.checking()) {
      return;
    }
    if (token === '') {
      this.failure.set(EMPTY_TOKEN);
      return;
    }
    this.checking.set(true);
    this.failure.set(null);
    this.access
      .signIn(token)
      .pipe(
        finalize(() => this.checking.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        error: (error: unknown) =>
          this.failure.set(
            error instanceof HttpErrorResponse && error.status === 401 ? WRONG_TOKEN : requestErrorLine(error, 'Could not sign in'),
          ),
      });
  }
}
