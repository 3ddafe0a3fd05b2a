import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * An `http` run's signing secret, as the api shows it once (in the 201 of its creation): the secret, a Copy button
 * (the Clipboard API), what the receiver does with it (Standard Webhooks), and Dismiss. Nothing keeps the secret
 * but this panel: once dismissed, or the page left, it is gone from the dashboard too.
 */
@Component({
  selector: 'app-signing-secret-panel',
  templateUrl: './signing-secret-panel.component.html',
  styleUrl: './signing-secret-panel.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SigningSecretPanelComponent {
  readonly runId = input.required<string>();
  readonly secret = input.required<string>();
  /** The user is done with it. */
  readonly dismissed = output<void>();

  private readonly clipboard = inject(DOCUMENT).defaultView?.navigator.clipboard;
  protected readonly copyState = signal<CopyState>('idle');

  protected async copy(): Promise<void> {
    try {
      if (this.clipboard === undefined) throw new Error('no Clipboard API');
      await this.clipboard.writeText(this.secret());
      this.copyState.set('copied');
    } catch {
      // Refused (no permission, an insecure page, or no Clipboard API): the secret stays selectable.
      this.copyState.set('failed');
    }
  }
}
