import { BadRequestException } from '@nestjs/common';
import { formatSortableId } from '@app/domain';
import { DatasetIdPipe } from '../datasets/dataset-id.pipe';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

describe.each([
  ['run', new RunIdPipe()],
  ['dataset', new DatasetIdPipe()],
])('the %s id pipe', (kind, pipe) => {
  it('passes an id through', () => {
    const id = formatSortableId(Date.parse('2026-01-01T00:00:00Z'), '0a1b2c3');
    expect(pipe.transform(id)).toBe(id);
  });

  it.each([
    ['another key of the run', 'x:processed-seqs'],
    ['a record id', '0m5z1k2a0abc:17'],
    ['an empty id', ''],
    ['200 characters', 'a'.repeat(200)],
    ['uppercase', 'ABCDEFGHIJKLMN'],
    ['a query', '*'],
  ])('is a 400 naming id for %s', (_, value) => {
    let error: unknown;
    try {
      pipe.transform(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [`id must be a ${kind} id (lowercase letters and digits)`],
    });
  });
});
