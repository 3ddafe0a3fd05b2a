import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Session } from '@app/contracts';
import type { Observable } from 'rxjs';

/** `GET /api/session`: the role a token grants (a 401 when it grants none). Same origin, as the other apis. */
@Injectable({ providedIn: 'root' })
export class SessionApiService {
  private readonly http = inject(HttpClient);

  /** Asks with this token, which need not be the one held (the sign-in form checks a pasted one). */
  session(token: string): Observable<Session> {
    return this.http.get<Session>('/api/session', { headers: { Authorization: `Bearer ${token}` } });
  }
}
