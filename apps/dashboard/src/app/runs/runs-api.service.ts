import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateRunDto, Run, UpdateRunDto } from '@app/contracts';
import type { Observable } from 'rxjs';
import type { RunAction } from './run-actions';

/**
 * The body of `POST /api/runs` this page sends: `total` and either `ratePerMinute` or `durationMinutes`
 * (the processor is left to the server's default).
 */
export type CreateRunRequest = Pick<CreateRunDto, 'total' | 'ratePerMinute' | 'durationMinutes' | 'processor'>;

/** The body of `PATCH /api/runs/:id`: only the fields that change; `ratePerMinute` and `durationMinutes` exclude each other. */
export type UpdateRunRequest = Pick<UpdateRunDto, 'total' | 'ratePerMinute' | 'durationMinutes'>;

const runUrl = (runId: string): string => `/api/runs/${encodeURIComponent(runId)}`;

/**
 * The runs REST api, same origin (proxied to the api by `nx serve`). A 400 carries Nest's validation body
 * (see `validationMessages`); a 409 (`{ message }`) says why the run cannot change as asked.
 */
@Injectable({ providedIn: 'root' })
export class RunsApiService {
  private readonly http = inject(HttpClient);

  /** Starts a run. */
  createRun(request: CreateRunRequest): Observable<Run> {
    return this.http.post<Run>('/api/runs', request);
  }

  /** Changes X and/or Y of a running or paused run, effective immediately. */
  updateRun(runId: string, change: UpdateRunRequest): Observable<Run> {
    return this.http.patch<Run>(runUrl(runId), change);
  }

  pauseRun(runId: string): Observable<Run> {
    return this.controlRun(runId, 'pause');
  }

  resumeRun(runId: string): Observable<Run> {
    return this.controlRun(runId, 'resume');
  }

  stopRun(runId: string): Observable<Run> {
    return this.controlRun(runId, 'stop');
  }

  /** `POST /api/runs/:id/pause|resume|stop`: the run as it is after the transition. */
  controlRun(runId: string, action: RunAction): Observable<Run> {
    return this.http.post<Run>(`${runUrl(runId)}/${action}`, null);
  }
}
