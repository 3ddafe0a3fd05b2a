/** One record read from an upload, and how many bytes of the upload it took (to bound a bulk request's size). */
export interface ParsedRecord {
  record: Record<string, unknown>;
  bytes: number;
}

/**
 * The records of an upload as they are parsed, in order, in groups (those each chunk of the upload completed: one
 * step of iteration per chunk, not per record), and its fields: the CSV header, or the NDJSON keys seen, sorted.
 */
export interface RecordSource {
  records: AsyncIterable<ParsedRecord[]>;
  fields(): string[];
}

/** Bounds of one record and of a dataset's fields (`DATASET_LIMITS` in production; smaller in specs). */
export interface RecordLimits {
  maxRecordBytes: number;
  maxFields: number;
}

/** A record the upload cannot be stored with: a 400 whose message names its line and what is wrong (`line 17: ...`). */
export class MalformedRecordError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}
