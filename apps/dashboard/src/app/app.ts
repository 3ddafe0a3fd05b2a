import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ConnectionStateComponent } from './live/connection-state.component';

/** The shell: title, the pages' navigation and the live feed's connection state, then the current page. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ConnectionStateComponent],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly links = [
    { path: '/', label: 'Runs', exact: true, testId: 'nav-runs' },
    { path: '/workers', label: 'Workers', exact: false, testId: 'nav-workers' },
    { path: '/system', label: 'System', exact: false, testId: 'nav-system' },
  ] as const;
}
