import { BadRequestException } from '@nestjs/common';
import { formatRunId } from '@app/domain';
import { RunIdPipe } from './run-id.pipe';

describe('RunIdPipe', () => {
  const pipe = new RunIdPipe();

  it('passes a run id through', () => {
    const id = formatRunId(Date.parse('2025-01-01T00:00:00Z'), '0a1b2c3');

    expect(pipe.transform(id)).toBe(id);
  });

  it.each([
    ['another key of the run', 'x:processed-seqs'],
    ['an empty id', ''],
    ['200 characters', 'a'.repeat(200)],
    ['uppercase', formatRunId(Date.parse('2025-01-01T00:00:00Z'), 'ABC').toUpperCase()],
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
      message: ['id must be a run id (lowercase letters and digits)'],
    });
  });
});
