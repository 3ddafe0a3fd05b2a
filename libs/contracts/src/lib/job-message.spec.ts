import { jobId, parseJobMessage } from './job-message';

const valid = { runId: 'mfx3k2a0b7q4z', seq: 7, input: 12, processor: 'square', publishedAt: 1_700_000_000_000, attempt: 1 };
const parse = (value: unknown) => parseJobMessage(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

describe('parseJobMessage', () => {
  it('accepts a well-formed job', () => {
    expect(parse(valid)).toEqual({ ok: true, job: valid });
    const record = { ...valid, processor: 'http', input: { id: 'row-7', tags: ['a'] } };
    expect(parse(record)).toEqual({ ok: true, job: record });
  });

  it.each([
    ['not json', 'body is not valid JSON'],
    [[1, 2], 'body is not a JSON object'],
    [{ ...valid, runId: '' }, 'runId must be a run id'],
    [{ ...valid, runId: 7 }, 'runId must be a run id'],
    [{ ...valid, runId: 'r1' }, 'runId must be a run id'],
    [{ ...valid, runId: 'mfx3k2a0b7q4z:processed-seqs' }, 'runId must be a run id'],
    [{ ...valid, runId: 'MFX3K2A0B7Q4Z' }, 'runId must be a run id'],
    [{ ...valid, runId: 'a'.repeat(65) }, 'runId must be a run id'],
    [{ ...valid, seq: 0 }, 'seq must be a positive integer'],
    [{ ...valid, seq: 1.5 }, 'seq must be a positive integer'],
    [{ ...valid, input: 'x' }, 'input must be an integer or a JSON object'],
    [{ ...valid, input: [1, 2] }, 'input must be an integer or a JSON object'],
    [{ ...valid, processor: 'cube' }, 'processor must be one of: square, flaky, poison, http, hash'],
    [{ ...valid, publishedAt: undefined }, 'publishedAt must be epoch milliseconds'],
    [{ ...valid, attempt: 0 }, 'attempt must be a positive integer'],
  ])('rejects %j with a reason', (body, reason) => {
    expect(parse(body)).toEqual({ ok: false, reason });
  });

  it('takes a missing attempt as the first', () => {
    expect(parse({ ...valid, attempt: undefined })).toEqual({ ok: true, job: valid });
  });

  it('drops unknown fields', () => {
    expect(parse({ ...valid, extra: true })).toEqual({ ok: true, job: valid });
  });

  it('names jobs runId:seq', () => {
    expect(jobId('r1', 7)).toBe('r1:7');
  });
});
