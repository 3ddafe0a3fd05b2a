import { once } from 'node:events';
import { CsvError, parse } from 'csv-parse';
import { MalformedRecordError, type ParsedRecord, type RecordLimits, type RecordSource } from './record-source';

/**
 * The records of a CSV upload as its chunks arrive: the first row is the header, and each row after it becomes an
 * object keyed by the header's names (values are strings, as written). RFC 4180 quoting (commas, quotes and line
 * breaks inside quoted fields), LF, CRLF or CR line ends, a UTF-8 byte order mark and blank lines are all taken.
 * A row with another number of fields than the header, a bad quote, a row over `maxRecordBytes` or a bad header
 * throws a `MalformedRecordError` naming its line (lines counted from 1, the header's included).
 *
 * Each chunk is written to csv-parse and the rows it completes are given together, before the next chunk is read:
 * a consumer that waits before asking for more (a bulk request in flight) holds the upload back. Rows are taken
 * from csv-parse's `data` events, which it emits while it parses the chunk, so `parser.info` then tells the line
 * and byte at which each row ends (cheaper than its `on_record` hook, which builds a context object per row).
 */
export function csvRecords(chunks: AsyncIterable<Uint8Array>, limits: RecordLimits): RecordSource {
  let header: string[] | null = null;
  /** Line on which the last row (or the header) ended, and the bytes read up to its end. */
  let lastLine = 0;
  let lastBytes = 0;
  let parsed: ParsedRecord[] = [];
  /** A bad header, found while csv-parse emitted it: thrown once the chunk is written. */
  let refused: MalformedRecordError | null = null;
  const parser = parse({ bom: true, skip_empty_lines: true, max_record_size: limits.maxRecordBytes });
  parser.on('data', (row: string[]) => {
    const { lines, bytes } = parser.info;
    const size = bytes - lastBytes;
    lastBytes = bytes;
    lastLine = lines;
    if (refused) return;
    if (header === null) {
      try {
        header = checkedHeader(row, lines, limits);
      } catch (error) {
        refused = error as MalformedRecordError;
      }
      return;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < row.length; i++) record[header[i]] = row[i];
    parsed.push({ record, bytes: size });
  });
  // Kept until the next write or the end, which reject with it.
  parser.on('error', () => undefined);

  /** The rows parsed so far, handed over (and forgotten here). */
  const take = (): ParsedRecord[] => {
    if (refused) throw refused;
    const taken = parsed;
    parsed = [];
    return taken;
  };

  async function* records(): AsyncGenerator<ParsedRecord[]> {
    try {
      // In flowing mode from the start, so that each row is emitted while its chunk is parsed, not a tick later.
      await new Promise((resolve) => setImmediate(resolve));
      for await (const chunk of chunks) {
        await new Promise<void>((resolve, reject) => parser.write(chunk, (error) => (error ? reject(error) : resolve())));
        const rows = take();
        if (rows.length > 0) yield rows;
      }
      const ended = once(parser, 'end');
      parser.end();
      await ended;
      const rows = take();
      if (rows.length > 0) yield rows;
    } catch (error) {
      throw malformed(error, lastLine, header);
    } finally {
      parser.destroy();
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
