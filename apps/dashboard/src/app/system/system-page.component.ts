import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, exhaustMap, interval, map, merge, type Observable, of } from 'rxjs';
import { ConnectionStateComponent } from '../live/connection-state.component';
import { localeFormats } from '../shared/locale-formats';
import { requestErrorLine } from '../shared/request-error';
import { CLOCK } from '../shared/ticking-clock';
import { HealthApiService } from './health-api.service';
import { healthRows } from './readiness';
import { StatusApiService } from './status-api.service';
import { nodeRows, statusRows } from './system-status';

/** How often the page asks the api whether its backing services answer, and for their status. */
export const HEALTH_POLL_MS = 5_000;

/** The latest answer to one of the page's polled requests, or why there is none. */
interface Polled<T> {
  readonly value: T | null;
  readonly error: string | null;
  readonly at: number;
}

/**
 * `/system`: the live feed's connection, Redis, RabbitMQ and Elasticsearch as the api's readiness sees them, and
 * the status of every backend (queues, indices, the leader, the workers) and of every node of each engine, every 5 s.
 */
@Component({
  selector: 'app-system-page',
  imports: [ConnectionStateComponent],
  templateUrl: './system-page.component.html',
  styleUrl: './system-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SystemPageComponent {
  private readonly api = inject(HealthApiService);
  private readonly statusApi = inject(StatusApiService);
  private readonly clock = inject(CLOCK);
  private readonly formats = localeFormats(inject(LOCALE_ID));
  /** Each request on its own: a slow or failed one never holds up or hides the other. */
  private readonly readiness = this.polled(() => this.api.ready(), 'Could not check the services');
  private readonly status = this.polled(() => this.statusApi.status(), 'Could not read the status');

  protected readonly rows = computed(() => healthRows(this.readiness()?.value ?? null));
  protected readonly error = computed(() => this.readiness()?.error ?? null);
  protected readonly statusRows = computed(() => statusRows(this.status()?.value ?? null, this.formats));
  protected readonly nodeRows = computed(() => nodeRows(this.status()?.value ?? null));
  protected readonly statusError = computed(() => this.status()?.error ?? null);
  protected readonly checkedAt = computed(() => {
    const last = this.readiness();
    return last === null ? 'Checking…' : `Last checked at ${this.formats.time.format(new Date(last.at))}`;
  });
  protected readonly overall = computed(() => {
    const readiness = this.readiness()?.value ?? null;
    if (readiness === null) {
      return { state: 'unknown', label: 'Unknown' };
    }
    return readiness.status === 'ok' ? { state: 'up', label: 'Ready' } : { state: 'down', label: 'Not ready' };
  });

  /** The request at once, then every 5 s; one still waiting for its answer is not doubled. */
  private polled<T>(request: () => Observable<T>, failure: string): Signal<Polled<T> | null> {
    const answers = merge(of(0), interval(HEALTH_POLL_MS)).pipe(
      exhaustMap(() =>
        request().pipe(
          map((value): Polled<T> => ({ value, error: null, at: this.clock() })),
          catchError((error: unknown) => of<Polled<T>>({ value: null, error: requestErrorLine(error, failure), at: this.clock() })),
        ),
      ),
    );
    return toSignal(answers, { initialValue: null });
  }
}
