import type { ParsedRecord } from './record-source';

/** An upload past a limit of SPEC.md (records or bytes): a 413, and nothing of it is kept. */
export class UploadTooLargeError extends Error {}

/** What the upload has brought so far. */
export interface ByteCount {
  bytes: number;
}

/**
 * The chunks of an upload, passed on as they come while `count.bytes` adds them up; throws `UploadTooLargeError`
 * as soon as they pass `maxBytes`, without reading further.
 */
export async function* limitBytes(chunks: AsyncIterable<Uint8Array>, maxBytes: number, count: ByteCount): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    count.bytes += chunk.byteLength;
    if (count.bytes > maxBytes) throw new UploadTooLargeError(`an upload may have at most ${maxBytes.toLocaleString('en-US')} bytes`);
    yield chunk;
  }
}

/** Bounds of the batches written at once and of the whole dataset. */
export interface BatchLimits {
  /** Records in the whole upload; one more throws `UploadTooLargeError`. */
  maxRecords: number;
  /** A batch ends at this many records... */
  batchRecords: number;
  /** ...or once its records took this many bytes of the upload, whichever comes first. */
  batchBytes: number;
}

/**
 * The records (in the groups a parser gives them) in batches of bounded count and size, in order. The next group is
 * asked for only when the consumer asks for the next batch: a consumer that stores each batch before asking for another holds the upload back
 * (at most one batch and one group, plus what the parser and the socket buffer, are ever in memory).
 */
export async function* recordBatches(
  groups: AsyncIterable<readonly ParsedRecord[]>,
  limits: BatchLimits,
): AsyncGenerator<Record<string, unknown>[]> {
  let batch: Record<string, unknown>[] = [];
  let batchBytes = 0;
  let total = 0;
  for await (const group of groups) {
    for (const { record, bytes } of group) {
      if (++total > limits.maxRecords) {
        throw new UploadTooLargeError(`a dataset may have at most ${limits.maxRecords.toLocaleString('en-US')} records`);
      }
      batch.push(record);
      batchBytes += bytes;
      if (batch.length >= limits.batchRecords || batchBytes >= limits.batchBytes) {
        yield batch;
        batch = [];
        batchBytes = 0;
      }
    }
  }
  if (batch.length > 0) yield batch;
}
