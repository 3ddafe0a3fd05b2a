import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { RunAudit } from '@app/contracts';
import { finalize } from 'rxjs';
import { AccessService } from '../access/access.service';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { toAuditView } from './audit-view';
import { RunDetailApiService } from './run-detail-api.service';

/**
 * Proves the run whole on demand: the audit compares each published seq with the stored results and dead
 * letters and shows missing or duplicate ranges, or "whole"; Repair (the operator's) republishes only the missing seqs.
 */
@Component({
  selector: 'app-audit-panel',
  templateUrl: './audit-panel.component.html',
  styleUrl: './audit-panel.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPanelComponent {
  readonly runId = input.required<string>();

  private readonly api = inject(RunDetailApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly audit = signal<RunAudit | null>(null);
  private readonly auditing = signal(false);
  private readonly repairing = signal(false);
  private readonly auditFailure = signal<string | null>(null);
  private readonly repairOutcome = signal<{ readonly ok: boolean; readonly text: string } | null>(null);

  protected readonly canControl = inject(AccessService).canControl;
  protected readonly view = computed(() => {
    const audit = this.audit();
    return audit === null ? null : toAuditView(audit, this.formats);
  });
  protected readonly busyAudit = this.auditing.asReadonly();
  protected readonly busyRepair = this.repairing.asReadonly();
  protected readonly error = this.auditFailure.asReadonly();
  protected readonly outcome = this.repairOutcome.asReadonly();
  protected readonly auditLabel = computed(() => (this.auditing() ? 'Auditing…' : this.audit() === null ? 'Audit run' : 'Audit again'));
  protected readonly repairLabel = computed(() => (this.repairing() ? 'Repairing…' : 'Repair missing'));

  protected runAudit(): void {
    if (this.auditing()) {
      return;
    }
    this.auditing.set(true);
    this.auditFailure.set(null);
    this.api
      .audit(this.runId())
      .pipe(
        finalize(() => this.auditing.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (audit) => this.audit.set(audit),
        error: (error: unknown) => this.auditFailure.set(requestErrorLine(error, 'Could not audit the run')),
      });
  }

  protected repair(): void {
    if (this.repairing()) {
      return;
    }
    this.repairing.set(true);
    this.repairOutcome.set(null);
    this.api
      .repair(this.runId())
      .pipe(
        finalize(() => this.repairing.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ republished }) =>
          this.repairOutcome.set({
            ok: true,
            text:
              republished === 0
                ? 'Nothing to repair: no seq is missing.'
                : `Republished ${this.formats.count.format(republished)} missing ${republished === 1 ? 'seq' : 'seqs'}. Audit again once they are processed.`,
          }),
        error: (error: unknown) => this.repairOutcome.set({ ok: false, text: requestErrorLine(error, 'Could not repair the run') }),
      });
  }
}
