import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { type ConnectionState, LiveRunsService } from './live-runs.service';

const CONNECTION_LABELS: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
};

/**
 * The live feed's state as the Socket.IO client reports it (connected, reconnecting while it retries,
 * disconnected once it gave up), with a Reconnect button in the last case. `data-state` carries the state.
 */
@Component({
  selector: 'app-connection-state',
  templateUrl: './connection-state.component.html',
  styleUrl: './connection-state.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-state]': 'state()' },
})
export class ConnectionStateComponent {
  private readonly live = inject(LiveRunsService);

  protected readonly state = this.live.connectionState;
  protected readonly label = computed(() => CONNECTION_LABELS[this.state()]);
  protected readonly canReconnect = computed(() => this.state() === 'disconnected');

  protected reconnect(): void {
    this.live.reconnect();
  }
}
