import { BadRequestException } from '@nestjs/common';
import { formatSortableId } from '@app/domain';
import { DatasetIdPipe } from './dataset-id.pipe';

describe('DatasetIdPipe', () => {
  const pipe = new DatasetIdPipe();

  it('passes a dataset id through', () => {
    const id = formatSortableId(Date.parse('2026-01-01T00:00:00Z'), '0a1b2c3');

    expect(pipe.transform(id)).toBe(id);
  });

  it.each([
    ['a record id', '0m5z1k2a0abc:17'],
    ['an empty id', ''],
    ['200 characters', 'a'.repeat(200)],
    ['uppercase', 'ABCDEFGHIJKLMN'],
    ['a query', '*'],
  ])('is a 400 naming id for %s', (_, value) => {
    let error: unknown;
    try {
      pipe.transform(value);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['id must be a dataset id (lowercase letters and digits)'],
    });
  });
});
