/** The header of the CSVs the tests upload. */
export const CSV_FIELDS = ['id', 'name', 'note'] as const;

/** Row `i` of such a CSV as the dataset keeps it: an object keyed by the header, every value a string. */
export const csvRecord = (i: number): Record<(typeof CSV_FIELDS)[number], string> => ({
  id: String(i),
  name: `name ${i}`,
  note: 'a "quoted" note, with a comma, in Ünïcode',
});

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * A CSV of `rows` rows after its header (row i on file line i + 1, its note quoted for its comma and quotes), in chunks of about
 * 64 KiB, made as they are sent: an upload of any size without holding it. With `badLine`, that line has a field
 * too many.
 */
export async function* csvChunks(rows: number, badLine?: number): AsyncGenerator<Uint8Array> {
  let chunk = `${CSV_FIELDS.join(',')}\n`;
  for (let i = 1; i <= rows; i++) {
    const record = csvRecord(i);
    chunk += i + 1 === badLine ? `${i},too,many,fields\n` : `${CSV_FIELDS.map((field) => csvField(record[field])).join(',')}\n`;
    if (chunk.length > 65_536) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(chunk);
}
