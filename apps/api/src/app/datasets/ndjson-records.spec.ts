import { NDJSON_MAX_DEPTH, ndjsonRecords } from './ndjson-records';
import { malformedMessage, readAll } from '../testing/record-sources';
import type { RecordLimits } from './record-source';

const LIMITS: RecordLimits = { maxRecordBytes: 1024, maxFields: 5 };

const read = (text: string | Buffer, size = 4, limits = LIMITS) => readAll(ndjsonRecords, text, size, limits);
const failure = (text: string, limits = LIMITS) => malformedMessage(ndjsonRecords, text, 7, limits);

describe('ndjsonRecords', () => {
  it.each([1, 3, 64, 4096])('reads one object a line in chunks of %i bytes, the fields the keys seen, sorted', async (size) => {
    const { records, fields, bytes } = await read('{"b":1,"a":"x"}\n{"c":{"d":[1,2]}}\n', size);

    expect(records).toEqual([{ b: 1, a: 'x' }, { c: { d: [1, 2] } }]);
    expect(fields).toEqual(['a', 'b', 'c']);
    expect(bytes).toBe(34);
  });

  it('skips blank lines and takes CRLF, a byte order mark and no final line end', async () => {
    const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\r\n\r\n   \n{"a":2}\r\n\n{"a":3}')]);

    expect((await read(text, 2)).records).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('takes UTF-8 split across chunks, and keeps __proto__ as an ordinary key', async () => {
    const { records } = await read('{"name":"Zoë 🚀","__proto__":1}\n', 1);

    expect(records).toEqual([JSON.parse('{"name":"Zoë 🚀","__proto__":1}')]);
    expect(Object.getPrototypeOf(records[0])).toBe(Object.prototype);
  });

  it('gives no records for an empty upload or blank lines', async () => {
    expect((await read('')).records).toEqual([]);
    expect((await read('\n\n  \r\n')).records).toEqual([]);
  });

  it.each([
    ['an array', '{"a":1}\n\n[1,2]\n', 'line 3: a JSON object is expected, not an array'],
    ['a string', '{"a":1}\n"x"\n', 'line 2: a JSON object is expected, not a string'],
    ['a number', '7\n', 'line 1: a JSON object is expected, not a number'],
    ['null', '{"a":1}\nnull', 'line 2: a JSON object is expected, not null'],
    ['text that is not JSON', '{"a":1}\n{"a":\n', /^line 2: not valid JSON \(/],
    ['a line over the size limit', `{"a":1}\n{"a":"${'x'.repeat(2000)}"}\n`, 'line 2: the line is longer than 1024 bytes'],
    ['an unterminated long line', `{"a":1}\n{"a":"${'x'.repeat(2000)}`, 'line 2: the line is longer than 1024 bytes'],
    [
      'too many distinct keys',
      '{"a":1,"b":2}\n{"c":1,"d":2}\n{"e":1,"a":2}\n{"f":1}\n',
      'line 4: more than 5 distinct fields in the upload',
    ],
  ])('names the line of %s', async (_, text, message) => {
    if (message instanceof RegExp) expect(await failure(text)).toMatch(message);
    else expect(await failure(text)).toBe(message);
  });

  it('refuses an object nested past the limit', async () => {
    const deep = `{"a":${'['.repeat(NDJSON_MAX_DEPTH)}${']'.repeat(NDJSON_MAX_DEPTH)}}`;
    const limits = { ...LIMITS, maxRecordBytes: 10_000 };

    expect(await failure(`{"a":1}\n${deep}\n`, limits)).toBe(`line 2: the object nests deeper than ${NDJSON_MAX_DEPTH} levels`);
  });
});
