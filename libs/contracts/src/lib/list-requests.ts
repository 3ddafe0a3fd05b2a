import type { RunStatus } from './run';

/*
 * The query parameters of the list routes, as the api reads them once parsed (numbers as numbers). A cursor is the
 * `nextCursor` of the page before. The api validates each against the class of the same name with `Query` for
 * `Request` (`@app/contracts/dto`), which implements it.
 */

/** `GET /api/runs`: newest first, `limit` (1 to 100) per page, optionally of one `status`. */
export interface ListRunsRequest {
  status?: RunStatus;
  limit?: number;
  cursor?: string;
}

/** `GET /api/datasets`: newest first, `limit` (1 to 100) per page. */
export interface ListDatasetsRequest {
  limit?: number;
  cursor?: string;
}

/** Paging by seq, `size` (1 to 1,000) per page after the seq `cursor`: `GET /api/runs/:id/failures`. */
export interface SeqPageRequest {
  size?: number;
  cursor?: number;
}

/** `GET /api/runs/:id/results`: by seq, optionally only seqs from `seqFrom` to `seqTo` or stored by one `workerId`. */
export interface ListResultsRequest extends SeqPageRequest {
  seqFrom?: number;
  seqTo?: number;
  workerId?: string;
}
