import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { LiveWorkersService } from '../live/live-workers.service';
import { localeFormats } from '../shared/locale-formats';
import { tickingNow } from '../shared/ticking-clock';
import { sortWorkers, toWorkerView } from './worker-view';

/** The uptime and heartbeat ages move on their own between the feed's once-a-second lists. */
const TICK_MS = 1000;

/** `/workers`: each live worker, as the feed's `workers` event lists them once a second. */
@Component({
  selector: 'app-workers-page',
  templateUrl: './workers-page.component.html',
  styleUrl: './workers-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkersPageComponent {
  private readonly live = inject(LiveWorkersService);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly now = tickingNow(TICK_MS);

  protected readonly loaded = this.live.loaded;
  protected readonly stale = this.live.stale;
  /** Sorted once per list, not on every tick. */
  private readonly workers = computed(() => sortWorkers(this.live.workers()));
  protected readonly rows = computed(() => {
    const now = this.now();
    return this.workers().map((worker) => toWorkerView(worker, now, this.formats));
  });
  protected readonly empty = computed(() => this.rows().length === 0);
  protected readonly emptyMessage = computed(() => (this.loaded() ? 'No live workers.' : 'Waiting for the live feed…'));
  protected readonly summary = computed(() => {
    const count = this.rows().length;
    return count === 1 ? '1 live worker' : `${count} live workers`;
  });
}
