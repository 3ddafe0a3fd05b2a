import { csvRecords } from './csv-records';
import { malformedMessage, readAll } from '../testing/record-sources';
import type { RecordLimits } from './record-source';

const LIMITS: RecordLimits = { maxRecordBytes: 1024, maxFields: 10 };

const read = (text: string | Buffer, size = 3, limits = LIMITS) => readAll(csvRecords, text, size, limits);
const failure = (text: string, limits = LIMITS) => malformedMessage(csvRecords, text, 5, limits);

describe('csvRecords', () => {
  it('keys each row by the header row, and gives the header as the fields', async () => {
    const { records, fields } = await read('id,name\n1,ada\n2,grace\n');

    expect(fields).toEqual(['id', 'name']);
    expect(records).toEqual([
      { id: '1', name: 'ada' },
      { id: '2', name: 'grace' },
    ]);
  });

  it.each([1, 2, 7, 1000])('takes quoted fields with commas, quotes and line breaks, in chunks of %i bytes', async (size) => {
    const { records } = await read('a,b\n"x, y","say ""hi""\nthere"\n"",z\n', size);

    expect(records).toEqual([
      { a: 'x, y', b: 'say "hi"\nthere' },
      { a: '', b: 'z' },
    ]);
  });

  it('takes CRLF line ends, a byte order mark, blank lines and no final line end', async () => {
    const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n1,2\r\n\r\n3,4')]);
    const { records, fields, bytes } = await read(text, 2);

    expect(fields).toEqual(['a', 'b']);
    expect(records).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
    // Every byte after the header is some record's (the blank line's with the record after it).
    expect(bytes).toBe(text.length - 'xxxa,b\r\n'.length);
  });

  it('takes UTF-8 split across chunks', async () => {
    const { records } = await read('name\nZoë 🚀\n', 1);

    expect(records).toEqual([{ name: 'Zoë 🚀' }]);
  });

  it('gives no records for a header alone, or an empty upload', async () => {
    expect(await read('a,b\n')).toEqual({ records: [], fields: ['a', 'b'], bytes: 0 });
    expect(await read('')).toEqual({ records: [], fields: [], bytes: 0 });
  });

  it('names the line of a row with the wrong number of fields, counting the header as line 1', async () => {
    const rows = Array.from({ length: 1232 }, (_, i) => `${i},x`);
    const text = ['a,b', ...rows, '1232,x,extra', '1233,x'].join('\n');

    expect(await failure(text)).toBe('line 1234: 3 fields where the header has 2');
    expect(await failure('a,b\n1,2\n3\n')).toBe('line 3: 1 field where the header has 2');
  });

  it('counts the lines of quoted line breaks before the bad row', async () => {
    expect(await failure('a,b\n"1\n2",x\n3,4,5\n')).toBe('line 4: 3 fields where the header has 2');
  });

  it.each([
    ['a quote never closed', 'a,b\n1,2\n"3,4\n5,6\n', 'line 3: a quoted field is never closed'],
    [
      'text after a closing quote',
      'a,b\n1,2\n"3"x,4\n',
      'line 3: a closing quote is followed by something other than a comma or a line end',
    ],
    ['a quote inside an unquoted field', 'a,b\n1,2\n3 "x",4\n', /^line 3: a quote inside an unquoted field/],
    ['a row over the size limit', `a,b\n1,${'x'.repeat(2000)}\n`, 'line 2: the row is longer than 1024 bytes'],
    ['an empty column name', 'a,,c\n1,2,3\n', 'line 1: column 2 of the header has no name'],
    ['a repeated column name', 'a,b,a\n1,2,3\n', 'line 1: column name "a" appears twice in the header'],
    ['a __proto__ column', 'a,__proto__\n1,2\n', 'line 1: column 2 of the header may not be named __proto__'],
    ['too many columns', 'a,b,c,d,e,f,g,h,i,j,k\n', 'line 1: the header has 11 columns, more than 10'],
  ])('names the line of %s', async (_, text, message) => {
    if (message instanceof RegExp) expect(await failure(text)).toMatch(message);
    else expect(await failure(text)).toBe(message);
  });

  it('passes an error of the upload itself on as it is', async () => {
    const broken = new Error('connection reset');
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('a,b\n1,2\n');
      throw broken;
    }
    const source = csvRecords(failing(), LIMITS);
    const records: unknown[] = [];

    await expect(
      (async () => {
        for await (const group of source.records) records.push(...group);
      })(),
    ).rejects.toBe(broken);
  });
});
