import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DeliveryStats,
  FailurePage,
  ListResultsRequest,
  RepairResult,
  ReplayResult,
  ResultPage,
  Run,
  RunAudit,
  RunHistory,
} from '@app/contracts';
import type { Observable } from 'rxjs';

const runUrl = (runId: string): string => `/api/runs/${encodeURIComponent(runId)}`;

/** Query parameters without the unset ones. */
function params(values: Readonly<Record<string, string | number | null | undefined>>): HttpParams {
  let result = new HttpParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') {
      result = result.set(name, String(value));
    }
  }
  return result;
}

/**
 * What the api keeps about one run beyond its live counters: its rate history, its stored results and dead
 * letters (Elasticsearch), and the audit that proves it whole. Same origin, as `RunsApiService`.
 */
@Injectable({ providedIn: 'root' })
export class RunDetailApiService {
  private readonly http = inject(HttpClient);

  /** `GET /api/runs/:id`: for a run the live feed does not carry (an older one opened by its address). */
  run(runId: string): Observable<Run> {
    return this.http.get<Run>(runUrl(runId));
  }

  /** `GET /api/runs/:id/history`: one sample a second, oldest first, and the marks between them. */
  history(runId: string): Observable<RunHistory> {
    return this.http.get<RunHistory>(`${runUrl(runId)}/history`);
  }

  /** `GET /api/runs/:id/results`: stored results by seq, one page after `cursor`, filtered. */
  results(runId: string, query: ListResultsRequest): Observable<ResultPage> {
    return this.http.get<ResultPage>(`${runUrl(runId)}/results`, { params: params({ ...query }) });
  }

  /** `GET /api/runs/:id/deliveries`: an `http` run's final answers by status class, and their latency. */
  deliveries(runId: string): Observable<DeliveryStats> {
    return this.http.get<DeliveryStats>(`${runUrl(runId)}/deliveries`);
  }

  /** `GET /api/runs/:id/failures`: dead letters by seq, one page after `cursor`. */
  failures(runId: string, size: number, cursor: string | null): Observable<FailurePage> {
    return this.http.get<FailurePage>(`${runUrl(runId)}/failures`, { params: params({ size, cursor }) });
  }

  /** `POST /api/runs/:id/failures/replay`: publishes every dead letter again, as its next attempt. */
  replayFailures(runId: string): Observable<ReplayResult> {
    return this.http.post<ReplayResult>(`${runUrl(runId)}/failures/replay`, null);
  }

  /** `GET /api/runs/:id/audit`: published seqs against stored results and dead letters. */
  audit(runId: string): Observable<RunAudit> {
    return this.http.get<RunAudit>(`${runUrl(runId)}/audit`);
  }

  /** `POST /api/runs/:id/audit/repair`: republishes only the missing seqs. */
  repair(runId: string): Observable<RepairResult> {
    return this.http.post<RepairResult>(`${runUrl(runId)}/audit/repair`, null);
  }
}
