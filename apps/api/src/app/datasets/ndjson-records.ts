import { MalformedRecordError, type ParsedRecord, type RecordLimits, type RecordSource } from './record-source';
import { depthOver } from '../http/json-depth';

const NEWLINE = 0x0a;
const BYTE_ORDER_MARK = 0xfeff;
/** How deeply a record may nest: deeper ones could not be serialized again without overflowing the stack. */
export const NDJSON_MAX_DEPTH = 100;

/**
 * The records of an NDJSON upload as its chunks arrive: one JSON object per line (LF or CRLF), a UTF-8 byte order
 * mark and blank lines skipped. A line that is not JSON, not an object, nests deeper than `NDJSON_MAX_DEPTH` or is
 * longer than `maxRecordBytes`, or brings the distinct top-level keys past `maxFields`, throws a
 * `MalformedRecordError` naming its line (from 1). Lines are split on the newline byte, which never occurs inside
 * a multi-byte UTF-8 character, so a chunk may end anywhere. The records each chunk completes are given together,
 * before the next chunk is read; at most one line beyond the current chunk is held.
 */
export function ndjsonRecords(chunks: AsyncIterable<Uint8Array>, limits: RecordLimits): RecordSource {
  const keys = new Set<string>();
  let line = 0;

  function parseLine(bytes: Buffer): ParsedRecord | null {
    line++;
    if (bytes.length > limits.maxRecordBytes)
      throw new MalformedRecordError(line, `the line is longer than ${limits.maxRecordBytes} bytes`);
    let text = bytes.toString('utf8');
    if (line === 1 && text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
    if (text.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MalformedRecordError(line, `not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new MalformedRecordError(line, `a JSON object is expected, not ${describe(value)}`);
    }
    // Nesting deeper than the limit takes at least two bytes a level: shorter lines need no walk.
    if (bytes.length > 2 * NDJSON_MAX_DEPTH && depthOver(value, NDJSON_MAX_DEPTH)) {
      throw new MalformedRecordError(line, `the object nests deeper than ${NDJSON_MAX_DEPTH} levels`);
    }
    for (const key of Object.keys(value)) {
      if (keys.has(key)) continue;
      if (keys.size >= limits.maxFields)
        throw new MalformedRecordError(line, `more than ${limits.maxFields} distinct fields in the upload`);
      keys.add(key);
    }
    return { record: value as Record<string, unknown>, bytes: bytes.length + 1 };
  }

  async function* records(): AsyncGenerator<ParsedRecord[]> {
    /** The start of a line that continues in the next chunk. */
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of chunks) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let start = 0;
      const parsed: ParsedRecord[] = [];
      for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
        const piece = buffer.subarray(start, end > start && buffer[end - 1] === 0x0d ? end - 1 : end);
        const whole = pending.length === 0 ? piece : joinCr(pending, buffer.subarray(start, end));
        pending = [];
        pendingBytes = 0;
        start = end + 1;
        const record = parseLine(whole);
        if (record) parsed.push(record);
      }
      if (parsed.length > 0) yield parsed;
      if (start < buffer.length) {
        pendingBytes += buffer.length - start;
        if (pendingBytes > limits.maxRecordBytes) {
          throw new MalformedRecordError(line + 1, `the line is longer than ${limits.maxRecordBytes} bytes`);
        }
        pending.push(buffer.subarray(start));
      }
    }
    if (pending.length > 0) {
      const record = parseLine(joinCr(pending, Buffer.alloc(0)));
      if (record) yield [record];
    }
  }

  return { records: records(), fields: () => [...keys].sort() };
}

/** The pieces of a line split over chunks, joined, without a final carriage return. */
function joinCr(pending: Buffer[], last: Buffer): Buffer {
  const whole = Buffer.concat([...pending, last]);
  return whole.length > 0 && whole[whole.length - 1] === 0x0d ? whole.subarray(0, whole.length - 1) : whole;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
