import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SystemStatus } from '@app/contracts';
import type { Observable } from 'rxjs';

/** The api's status fan-out: every backend asked at once, each by a deadline. */
@Injectable({ providedIn: 'root' })
export class StatusApiService {
  private readonly http = inject(HttpClient);

  status(): Observable<SystemStatus> {
    return this.http.get<SystemStatus>('/api/status');
  }
}
