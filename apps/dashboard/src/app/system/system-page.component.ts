import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ReadinessReport } from '@app/contracts';
import { catchError, exhaustMap, interval, map, merge, of } from 'rxjs';
import { ConnectionStateComponent } from '../live/connection-state.component';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { CLOCK } from '../shared/ticking-clock';
import { HealthApiService } from './health-api.service';
import { healthRows } from './readiness';

/** How often the page asks the api whether its backing services answer. */
export const HEALTH_POLL_MS = 5_000;

interface HealthCheck {
  readonly readiness: ReadinessReport | null;
  readonly error: string | null;
  readonly at: number;
}

/** `/system`: the live feed's connection, and Redis, RabbitMQ and Elasticsearch as the api sees them, every 5 s. */
@Component({
  selector: 'app-system-page',
  imports: [ConnectionStateComponent],
  templateUrl: './system-page.component.html',
  styleUrl: './system-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SystemPageComponent {
  private readonly api = inject(HealthApiService);
  private readonly clock = inject(CLOCK);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  private readonly last = signal<HealthCheck | null>(null);

  protected readonly rows = computed(() => healthRows(this.last()?.readiness ?? null));
  protected readonly error = computed(() => this.last()?.error ?? null);
  protected readonly checkedAt = computed(() => {
    const last = this.last();
    return last === null ? 'Checking…' : `Last checked at ${this.formats.time.format(new Date(last.at))}`;
  });
  protected readonly overall = computed(() => {
    const last = this.last();
    if (last?.readiness === null || last === null) {
      return { state: 'unknown', label: 'Unknown' };
    }
    return last.readiness.status === 'ok' ? { state: 'up', label: 'Ready' } : { state: 'down', label: 'Not ready' };
  });

  constructor() {
    // The first check at once, then one every 5 s; a check still waiting for its answer is not doubled.
    merge(of(0), interval(HEALTH_POLL_MS))
      .pipe(
        exhaustMap(() =>
          this.api.ready().pipe(
            map((readiness): HealthCheck => ({ readiness, error: null, at: this.clock() })),
            catchError((error: unknown) =>
              of<HealthCheck>({ readiness: null, error: requestErrorLine(error, 'Could not check the services'), at: this.clock() }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((check) => this.last.set(check));
  }
}
