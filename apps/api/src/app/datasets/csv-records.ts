import { pipeline, Readable } from 'node:stream';
import { CsvError, parse, type Options } from 'csv-parse';
import { MalformedRecordError, type ParsedRecord, type RecordLimits, type RecordSource } from './record-source';

/**
 * The records of a CSV upload as its chunks arrive: the first row is the header, and each row after it becomes an
 * object keyed by the header's names (values are strings, as written). RFC 4180 quoting (commas, quotes and line
 * breaks inside quoted fields), LF, CRLF or CR line ends, a UTF-8 byte order mark and blank lines are all taken.
 * A row with another number of fields than the header, a bad quote, a row over `maxRecordBytes` or a bad header
 * throws a `MalformedRecordError` naming its line (lines counted from 1, the header's included).
 *
 * It reads no further ahead than csv-parse's stream buffers: a consumer that waits before asking for the next
 * record (a bulk request in flight) holds the upload back.
 */
export function csvRecords(chunks: AsyncIterable<Uint8Array>, limits: RecordLimits): RecordSource {
  let header: string[] | null = null;
  /** Line on which the last row (or the header) ended, and the bytes read up to its end: kept as csv-parse reads. */
  let lastLine = 0;
  let lastBytes = 0;
  const options: Options<ParsedRecord, string[]> = {
    bom: true,
    skip_empty_lines: true,
    max_record_size: limits.maxRecordBytes,
    on_record: (row, context) => {
      const bytes = context.bytes - lastBytes;
      lastBytes = context.bytes;
      lastLine = context.lines;
      if (header === null) {
        header = checkedHeader(row, context.lines, limits);
        return null;
      }
      const record: Record<string, string> = {};
      for (let i = 0; i < row.length; i++) record[header[i]] = row[i];
      return { record, bytes };
    },
  };
  // csv-parse's overloads type `on_record`'s output only together with `columns`, which this parser does itself.
  const parser = parse(options as unknown as Options);
  async function* records(): AsyncGenerator<ParsedRecord> {
    pipeline(Readable.from(chunks, { objectMode: false }), parser, () => undefined);
    try {
      for await (const parsed of parser as AsyncIterable<ParsedRecord>) yield parsed;
    } catch (error) {
      throw malformed(error, lastLine, header);
    }
  }
  return { records: records(), fields: () => [...(header ?? [])] };
}

/** The header's names, refused when one is empty, repeated or `__proto__`, or when there are too many. */
function checkedHeader(row: string[], line: number, limits: RecordLimits): string[] {
  if (row.length > limits.maxFields)
    throw new MalformedRecordError(line, `the header has ${row.length} columns, more than ${limits.maxFields}`);
  const seen = new Set<string>();
  row.forEach((name, i) => {
    if (name === '') throw new MalformedRecordError(line, `column ${i + 1} of the header has no name`);
    if (name === '__proto__') throw new MalformedRecordError(line, `column ${i + 1} of the header may not be named __proto__`);
    if (seen.has(name)) throw new MalformedRecordError(line, `column name "${name}" appears twice in the header`);
    seen.add(name);
  });
  return row;
}

/** csv-parse's error as the line and problem the user is told; any other error (the upload's own) as it is. */
function malformed(error: unknown, lastLine: number, header: string[] | null): unknown {
  if (error instanceof MalformedRecordError || !isCsvError(error)) return error;
  const line = error.lines ?? lastLine + 1;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const found = Number(/got (\d+)/.exec(error.message)?.[1]);
      return new MalformedRecordError(line, `${fields(found)} where the header has ${header?.length ?? 'another number'}`);
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      // csv-parse names the end of the upload; the quote opened in the row after the last complete one.
      return new MalformedRecordError(lastLine + 1, 'a quoted field is never closed');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new MalformedRecordError(line, 'a closing quote is followed by something other than a comma or a line end');
    case 'INVALID_OPENING_QUOTE':
      return new MalformedRecordError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
    case 'CSV_MAX_RECORD_SIZE':
      return new MalformedRecordError(lastLine + 1, `the row is longer than ${formatBytes(error)} bytes`);
    default:
      return new MalformedRecordError(line, error.message);
  }
}

const fields = (n: number): string => (n === 1 ? '1 field' : `${n} fields`);

const isCsvError = (error: unknown): error is CsvError & { lines?: number } => error instanceof CsvError;

const formatBytes = (error: CsvError): string => /tolerated bytes of (\d+)/.exec(error.message)?.[1] ?? 'the allowed number of';
