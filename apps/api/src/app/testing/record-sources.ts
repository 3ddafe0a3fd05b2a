import { MalformedRecordError, type RecordLimits, type RecordSource } from '../datasets/record-source';

/** A parser of an upload's chunks (`csvRecords`, `ndjsonRecords`). */
export type RecordParser = (chunks: AsyncIterable<Buffer>, limits: RecordLimits) => RecordSource;

/** The text as chunks of `size` bytes, so that every boundary (inside quotes, between CR and LF...) is crossed. */
async function* chunked(text: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Everything a parser makes of `text` fed in chunks of `size` bytes: the records, the fields and the bytes counted. */
export async function readAll(
  parse: RecordParser,
  text: string | Buffer,
  size: number,
  limits: RecordLimits,
): Promise<{ records: unknown[]; fields: string[]; bytes: number }> {
  const source = parse(chunked(text, size), limits);
  const records: unknown[] = [];
  let bytes = 0;
  for await (const group of source.records) {
    for (const parsed of group) {
      records.push(parsed.record);
      bytes += parsed.bytes;
    }
  }
  return { records, fields: source.fields(), bytes };
}

/** The message of the `MalformedRecordError` a parser throws for `text`; fails when it throws none. */
export async function malformedMessage(parse: RecordParser, text: string, size: number, limits: RecordLimits): Promise<string> {
  try {
    await readAll(parse, text, size, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedRecordError);
    return (error as Error).message;
  }
  throw new Error('no error');
}
