import { type DATASET_CONTENT_TYPES, DATASET_LIMITS } from '@app/contracts';
import { formatBytes } from '../shared/format-bytes';
import type { LocaleFormats } from '../shared/locale-formats';

type UploadContentType = keyof typeof DATASET_CONTENT_TYPES;

/** The file name endings the page offers (the file input's `accept`), and the upload's `Content-Type` for each. */
const CONTENT_TYPE_BY_EXTENSION: Readonly<Record<string, UploadContentType>> = {
  '.csv': 'text/csv',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
};
export const UPLOAD_ACCEPT = Object.keys(CONTENT_TYPE_BY_EXTENSION).join(',');

const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase();
};

/**
 * The `Content-Type` to upload a file with, from its name's ending (browsers give `.ndjson` no type, and some give
 * `.csv` one of Excel's). A file of any other kind goes with the type the browser gave it, for the api to refuse
 * with its own message (415): which types it takes is the api's rule, not repeated here.
 */
export function uploadContentType(file: Pick<File, 'name' | 'type'>): string {
  return CONTENT_TYPE_BY_EXTENSION[extensionOf(file.name)] ?? (file.type || 'application/octet-stream');
}

/** The name a dataset gets when none is given: its file's, without the ending, as long as the api allows. */
export function defaultDatasetName(fileName: string): string {
  const extension = extensionOf(fileName);
  const base = extension === '' ? fileName : fileName.slice(0, -extension.length);
  return (base.trim() || fileName).slice(0, DATASET_LIMITS.nameMaxLength);
}

/** How far an upload has gone: bytes the browser has sent of the file's. */
export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

/** The progress bar's value, maximum and line. */
export interface UploadProgressView {
  readonly value: number;
  readonly max: number;
  readonly label: string;
}

/**
 * `42.0% · 1.2 MB of 3 MB`; once every byte is sent, that the api is storing the last of them (it stores the records
 * as they arrive, one bulk at a time, and answers after the last).
 */
export function uploadProgressView(
  progress: UploadProgress,
  formats: Pick<LocaleFormats, 'count' | 'rate' | 'percent'>,
): UploadProgressView {
  const max = Math.max(progress.total, 1);
  const value = Math.min(progress.loaded, max);
  const total = formatBytes(progress.total, formats);
  const label =
    progress.loaded >= progress.total
      ? `${total} sent: storing the last records…`
      : `${formats.percent.format(value / max)} · ${formatBytes(progress.loaded, formats)} of ${total}`;
  return { value, max, label };
}
