import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AccessService } from './access.service';

/** In the header: the role signed in as (once the api said it), and Sign out. */
@Component({
  selector: 'app-session-status',
  templateUrl: './session-status.component.html',
  styleUrl: './session-status.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionStatusComponent {
  private readonly access = inject(AccessService);

  protected readonly roleLabel = computed(() => {
    const role = this.access.role();
    return role === null ? null : role === 'operator' ? 'Operator' : 'Viewer (read only)';
  });

  protected signOut(): void {
    this.access.signOut();
  }
}
