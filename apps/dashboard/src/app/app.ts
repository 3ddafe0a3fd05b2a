import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AccessService } from './access/access.service';
import { SessionStatusComponent } from './access/session-status.component';
import { SignInComponent } from './access/sign-in.component';
import { ConnectionStateComponent } from './live/connection-state.component';

/**
 * The shell: title, the pages' navigation, the live feed's connection state and Sign out, then the current page;
 * while signed out, the title and the sign-in form only.
 */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ConnectionStateComponent, SessionStatusComponent, SignInComponent],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly signedIn = inject(AccessService).signedIn;
  protected readonly links = [
    { path: '/', label: 'Runs', exact: true, testId: 'nav-runs' },
    { path: '/datasets', label: 'Datasets', exact: false, testId: 'nav-datasets' },
    { path: '/workers', label: 'Workers', exact: false, testId: 'nav-workers' },
    { path: '/system', label: 'System', exact: false, testId: 'nav-system' },
  ] as const;
}
