import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The messages of a rejected request, one per line: those about one field (give the host the id the field's
 * `aria-describedby` names), or those about the whole form (give the host `role="alert"`: it stays on the
 * page while empty, so the messages are announced when they come).
 */
@Component({
  selector: 'app-error-list',
  templateUrl: './error-list.component.html',
  styleUrl: './error-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorListComponent {
  readonly messages = input.required<readonly string[]>();
}
