import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { Run } from '@app/contracts';
import { type ConnectionState, LiveRunsService } from './runs/live-runs.service';
import { RunListComponent } from './runs/run-list.component';
import { StartRunFormComponent } from './runs/start-run-form.component';

const CONNECTION_LABELS: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
};

@Component({
  selector: 'app-root',
  imports: [StartRunFormComponent, RunListComponent],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly live = inject(LiveRunsService);

  protected readonly runs = this.live.runs;
  protected readonly loaded = this.live.loaded;
  protected readonly connection = this.live.connectionState;
  protected readonly connectionLabel = computed(() => CONNECTION_LABELS[this.connection()]);
  protected readonly canReconnect = computed(() => this.connection() === 'disconnected');
  /** The list still shows the last snapshot and updates, but nothing new arrives until the feed is back. */
  protected readonly stale = computed(() => this.loaded() && this.connection() !== 'connected');

  /** A run the REST api answered with (created or changed here): shown at once, before its live event. */
  protected applyRun(run: Run): void {
    this.live.upsert(run);
  }

  protected reconnect(): void {
    this.live.reconnect();
  }
}
