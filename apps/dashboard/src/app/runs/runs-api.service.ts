import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateRunDto, Run } from '@app/contracts';
import type { Observable } from 'rxjs';

/** The body of `POST /api/runs` this page sends (the processor is left to the server's default). */
export type CreateRunRequest = Pick<CreateRunDto, 'total' | 'ratePerMinute'>;

/** The runs REST api, same origin (proxied to the api by `nx serve`). */
@Injectable({ providedIn: 'root' })
export class RunsApiService {
  private readonly http = inject(HttpClient);

  /** Starts a run; a 400 carries Nest's validation body, see `validationMessages`. */
  createRun(request: CreateRunRequest): Observable<Run> {
    return this.http.post<Run>('/api/runs', request);
  }
}
