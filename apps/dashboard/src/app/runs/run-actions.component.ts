import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Run, RunAction } from '@app/contracts';
import { runActions } from '@app/domain';
import { finalize } from 'rxjs';
import { requestErrorLine } from '../shared/request-error';
import { RunsApiService } from './runs-api.service';

interface ActionText {
  readonly label: string;
  readonly pending: string;
  readonly failure: string;
}

const ACTION_TEXT: Readonly<Record<RunAction, ActionText>> = {
  pause: { label: 'Pause', pending: 'Pausing…', failure: 'Could not pause the run' },
  resume: { label: 'Resume', pending: 'Resuming…', failure: 'Could not resume the run' },
  stop: { label: 'Stop', pending: 'Stopping…', failure: 'Could not stop the run' },
};

/**
 * Pause / Resume / Stop for one run, as its status allows. One request at a time; a refusal (409)
 * shows the server's reason. Emits the run the server answered with.
 */
@Component({
  selector: 'app-run-actions',
  templateUrl: './run-actions.component.html',
  styleUrl: './run-actions.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunActionsComponent {
  readonly run = input.required<Run>();
  /** The run after a transition the server accepted. */
  readonly changed = output<Run>();

  private readonly api = inject(RunsApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pending = signal<RunAction | null>(null);
  private readonly failure = signal<string | null>(null);

  /** Only the status: the live feed's counter updates do not rebuild the buttons. */
  private readonly status = computed(() => this.run().status);
  protected readonly busy = computed(() => this.pending() !== null);
  protected readonly error = this.failure.asReadonly();
  protected readonly groupLabel = computed(() => `Run ${this.run().id} controls`);
  /**
   * Pause and Resume share the first slot, so the button keeps the focus when the status flips (and the
   * buttons are `aria-disabled` rather than `disabled` in flight, which would drop the focus too).
   * Stop is marked as the destructive one.
   */
  protected readonly buttons = computed(() => {
    const pending = this.pending();
    return runActions(this.status()).map((action) => ({
      action,
      slot: action === 'stop' ? 'stop' : 'toggle',
      label: action === pending ? ACTION_TEXT[action].pending : ACTION_TEXT[action].label,
      destructive: action === 'stop',
      testId: `run-action-${action}`,
    }));
  });

  protected perform(action: RunAction): void {
    if (this.pending() !== null) {
      return;
    }
    this.pending.set(action);
    this.failure.set(null);
    this.api
      .controlRun(this.run().id, action)
      .pipe(
        finalize(() => this.pending.set(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (run) => this.changed.emit(run),
        error: (error: unknown) => this.failure.set(requestErrorLine(error, ACTION_TEXT[action].failure)),
      });
  }
}
