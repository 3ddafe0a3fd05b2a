import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  DATASET_CONTENT_TYPES,
  DATASET_LIMITS,
  type CreateDatasetFromIndexRequest,
  type Dataset,
  type DatasetDetail,
  type DatasetDocument,
  type DatasetFormat,
  type DatasetPage,
} from '@app/contracts';
import { formatSortableId } from '@app/domain';
import { DatasetSourceError, DatasetStore } from '@app/infra';
import { badRequest } from '../bad-request';
import { csvRecords } from './csv-records';
import { DatasetUsage } from './dataset-usage';
import { ndjsonRecords } from './ndjson-records';
import { MalformedRecordError } from './record-source';
import { limitBytes, recordBatches, UploadTooLargeError } from './upload-limits';
import type { Upload } from './upload-request';

const DEFAULT_PAGE_SIZE = 20;
/**
 * One bulk request: at most this many records or this many bytes of the upload, whichever comes first. With one
 * bulk in flight at a time, this (and the parser's and socket's buffers) bounds an upload's memory.
 */
const BATCH_RECORDS = 5_000;
const BATCH_BYTES = 4 * 1024 * 1024;
/** Documents read per page of a snapshot. */
const SNAPSHOT_PAGE_SIZE = 2_000;

/**
 * Datasets: uploads streamed into Elasticsearch as they arrive (never held whole), snapshots of an index, and
 * their listing and deletion. A dataset exists once its metadata is written, which happens only after every one
 * of its records is stored; an upload that fails removes what it stored, so it leaves nothing behind.
 */
@Injectable()
export class DatasetsService {
  private readonly logger = new Logger(DatasetsService.name);

  constructor(
    private readonly store: DatasetStore,
    private readonly usage: DatasetUsage,
  ) {}

  /** `POST /api/datasets?name=`: a CSV (with a header row) or NDJSON body, read and stored one bulk at a time. */
  async upload(name: string, upload: Upload): Promise<Dataset> {
    const format = uploadFormat(upload.contentType);
    if (upload.contentEncoding !== undefined && upload.contentEncoding.toLowerCase() !== 'identity') {
      throw new UnsupportedMediaTypeException(`content-encoding "${upload.contentEncoding}" is not taken: send the upload as is`);
    }
    if (upload.contentLength !== undefined && upload.contentLength > DATASET_LIMITS.maxBytes) {
      throw new PayloadTooLargeException(`an upload may have at most ${DATASET_LIMITS.maxBytes.toLocaleString('en-US')} bytes`);
    }
    const id = newDatasetId();
    const count = { bytes: 0 };
    const chunks = limitBytes(upload.chunks, DATASET_LIMITS.maxBytes, count);
    const source = format === 'csv' ? csvRecords(chunks, DATASET_LIMITS) : ndjsonRecords(chunks, DATASET_LIMITS);
    const batches = recordBatches(source.records, {
      maxRecords: DATASET_LIMITS.maxRecords,
      batchRecords: BATCH_RECORDS,
      batchBytes: BATCH_BYTES,
    });
    const records = await this.storeAll(id, batches, 'the upload has no records');
    return this.publish({ id, name, format, records, bytes: count.bytes, fields: source.fields(), createdAt: timeOf(id) });
  }

  /** `POST /api/datasets/from-index`: the matching documents of an index as they are now, in a stable order. */
  async fromIndex(request: CreateDatasetFromIndexRequest): Promise<Dataset> {
    const id = newDatasetId();
    const keys = new Set<string>();
    let bytes = 0;
    let total = 0;
    const store = this.store;
    async function* batches(): AsyncGenerator<Record<string, unknown>[]> {
      for await (const batch of store.snapshot(request.index, request.query, SNAPSHOT_PAGE_SIZE)) {
        total += batch.length;
        if (total > DATASET_LIMITS.maxRecords) {
          throw badRequest(`a dataset may have at most ${DATASET_LIMITS.maxRecords.toLocaleString('en-US')} records: narrow the query`);
        }
        for (const source of batch) {
          bytes += Buffer.byteLength(JSON.stringify(source));
          for (const key of Object.keys(source)) {
            if (keys.has(key)) continue;
            if (keys.size >= DATASET_LIMITS.maxFields)
              throw badRequest(`the documents have more than ${DATASET_LIMITS.maxFields} distinct fields`);
            keys.add(key);
          }
        }
        yield batch;
      }
    }
    const records = await this.storeAll(id, batches(), `no document of ${request.index} matches the query`);
    const name = request.name ?? request.index.slice(0, DATASET_LIMITS.nameMaxLength);
    return this.publish({ id, name, format: 'index', records, bytes, fields: [...keys].sort(), createdAt: timeOf(id) });
  }

  async list(limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<DatasetPage> {
    const documents = await this.store.list(limit, cursor);
    return { items: documents.map(toDatasetJson), nextCursor: documents.length === limit ? documents[documents.length - 1].id : null };
  }

  async get(datasetId: string): Promise<DatasetDetail> {
    const dataset = await this.require(datasetId);
    return { ...toDatasetJson(dataset), sample: await this.store.recordsFrom(datasetId, 1, DATASET_LIMITS.sampleSize) };
  }

  /** Removes the dataset and its records; 409 while an active run reads from it. */
  async delete(datasetId: string): Promise<void> {
    const dataset = await this.require(datasetId);
    const runs = await this.usage.activeRunIds(datasetId);
    if (runs.length > 0) {
      throw new ConflictException(
        `dataset ${datasetId} is used by the active run${runs.length > 1 ? 's' : ''} ${runs.join(', ')}: stop them first`,
      );
    }
    await this.store.delete(datasetId, dataset.records);
  }

  private async require(datasetId: string): Promise<DatasetDocument> {
    const dataset = await this.store.get(datasetId);
    if (!dataset) throw new NotFoundException(`dataset ${datasetId} not found`);
    return dataset;
  }

  /**
   * Stores the batches as seqs 1..N, one bulk in flight while the next batch is read and parsed (so that the api's
   * parsing and Elasticsearch's indexing overlap, and memory holds two batches at most), and answers N; on any
   * failure, or when there was nothing to store, removes what was stored before refusing.
   */
  private async storeAll(datasetId: string, batches: AsyncIterable<Record<string, unknown>[]>, emptyMessage: string): Promise<number> {
    /** Seqs up to here may be stored: those acknowledged, and those of a bulk in flight or failed. */
    let attempted = 0;
    let inFlight: Promise<void> = Promise.resolve();
    let bulkFailure: { error: unknown } | null = null;
    const throwIfBulkFailed = (): void => {
      if (bulkFailure !== null) throw bulkFailure.error;
    };
    try {
      for await (const batch of batches) {
        await inFlight;
        throwIfBulkFailed();
        const firstSeq = attempted + 1;
        attempted += batch.length;
        inFlight = this.store.storeRecords(datasetId, firstSeq, batch).catch((error: unknown) => {
          bulkFailure = { error };
        });
      }
      await inFlight;
      throwIfBulkFailed();
    } catch (error) {
      // A bulk still in flight (the parser failed meanwhile) must land before what it stored is removed.
      await inFlight;
      await this.discard(datasetId, attempted);
      throw refusal(error);
    }
    if (attempted === 0) throw badRequest(emptyMessage);
    return attempted;
  }

  private async discard(datasetId: string, upTo: number): Promise<void> {
    try {
      await this.store.discardRecords(datasetId, upTo);
    } catch (error) {
      // The dataset was never published, so it is not listed; its records are left for an operator to remove.
      this.logger.error(`could not remove the records of failed upload ${datasetId}: ${(error as Error).message}`);
    }
  }

  private async publish(dataset: DatasetDocument): Promise<Dataset> {
    try {
      await this.store.publish(dataset);
    } catch (error) {
      await this.discard(dataset.id, dataset.records);
      throw error;
    }
    return toDatasetJson(dataset);
  }
}

/** The format of an upload's `Content-Type`; 415 for any other. */
function uploadFormat(contentType: string | undefined): DatasetFormat {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  const format = (DATASET_CONTENT_TYPES as Record<string, DatasetFormat>)[type];
  if (!format) {
    throw new UnsupportedMediaTypeException(
      `content-type must be ${Object.keys(DATASET_CONTENT_TYPES).join(' or ')}, not ${contentType ? `"${contentType}"` : 'missing'}`,
    );
  }
  return format;
}

/** What a failed upload or snapshot is answered with: the user's mistake as a 4xx, anything else as it is. */
function refusal(error: unknown): unknown {
  if (error instanceof MalformedRecordError) return badRequest(error.message);
  if (error instanceof UploadTooLargeError) return new PayloadTooLargeException(error.message);
  if (error instanceof DatasetSourceError) {
    return error.reason === 'unknown-index' ? new NotFoundException(error.message) : badRequest(error.message);
  }
  if (isAbortedUpload(error)) return badRequest('the upload ended before it was complete');
  return error;
}

const isAbortedUpload = (error: unknown): boolean =>
  ['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'].includes((error as { code?: string }).code ?? '') || (error as Error).message === 'aborted';

const newDatasetId = (): string => formatSortableId(Date.now(), randomBytes(4).readUInt32BE().toString(36).padStart(7, '0'));

/** The creation time a dataset id starts with (its first 9 base-36 digits). */
const timeOf = (id: string): number => parseInt(id.slice(0, 9), 36);

function toDatasetJson(dataset: DatasetDocument): Dataset {
  const { id, name, format, records, bytes, fields, createdAt } = dataset;
  return { id, name, format, records, bytes, fields, createdAt: new Date(createdAt).toISOString() };
}
