import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { Run } from '@app/contracts';
import { AccessService } from '../access/access.service';
import { LiveRunsService } from '../live/live-runs.service';
import { RunListComponent } from './run-list.component';
import { StartRunFormComponent } from './start-run-form.component';

/** `/`: start a run (the operator), and every active and recent run live, newest first. */
@Component({
  selector: 'app-runs-page',
  host: { class: 'page-stack' },
  imports: [StartRunFormComponent, RunListComponent],
  templateUrl: './runs-page.component.html',
  styleUrl: './runs-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunsPageComponent {
  private readonly live = inject(LiveRunsService);

  protected readonly canControl = inject(AccessService).canControl;
  protected readonly runs = this.live.runs;
  protected readonly loaded = this.live.loaded;
  /** The list still shows the last snapshot and updates, but nothing new arrives until the feed is back. */
  protected readonly stale = computed(() => this.loaded() && this.live.connectionState() !== 'connected');

  /** A run the REST api answered with (created or changed here): shown at once, before its live event. */
  protected applyRun(run: Run): void {
    this.live.upsert(run);
  }
}
