import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { isReadinessReport, type ReadinessReport } from '@app/contracts';
import { catchError, type Observable, of, throwError } from 'rxjs';

/** The api's health endpoints. */
@Injectable({ providedIn: 'root' })
export class HealthApiService {
  private readonly http = inject(HttpClient);

  /**
   * `GET /api/health/ready`: the report, whether it is a 200 (all up) or a 503 (something down: the same
   * body). Fails only when no report came (the api unreachable, or an answer of another shape).
   */
  ready(): Observable<ReadinessReport> {
    return this.http
      .get<ReadinessReport>('/api/health/ready')
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 503 && isReadinessReport(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }
}
