import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreatedRun, CreateRunRequest, Run, RunAction, UpdateRunRequest } from '@app/contracts';
import type { Observable } from 'rxjs';

const runUrl = (runId: string): string => `/api/runs/${encodeURIComponent(runId)}`;

/**
 * The runs REST api, same origin (proxied to the api by `nx serve`). A 400 carries Nest's validation body
 * (see `validationMessages`); a 409 (`{ message }`) says why the run cannot change as asked.
 */
@Injectable({ providedIn: 'root' })
export class RunsApiService {
  private readonly http = inject(HttpClient);

  /** Starts a run; an `http` run comes with its signing secret, this once. */
  createRun(request: CreateRunRequest): Observable<CreatedRun> {
    return this.http.post<CreatedRun>('/api/runs', request);
  }

  /** Changes X and/or Y of a running or paused run, effective immediately. */
  updateRun(runId: string, change: UpdateRunRequest): Observable<Run> {
    return this.http.patch<Run>(runUrl(runId), change);
  }

  /** `POST /api/runs/:id/pause|resume|stop`: the run as it is after the transition. */
  controlRun(runId: string, action: RunAction): Observable<Run> {
    return this.http.post<Run>(`${runUrl(runId)}/${action}`, null);
  }
}
