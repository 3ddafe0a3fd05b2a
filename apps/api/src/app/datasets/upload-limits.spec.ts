import { limitBytes, recordBatches, UploadTooLargeError, type BatchLimits } from './upload-limits';
import type { ParsedRecord } from './record-source';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('limitBytes', () => {
  it('passes the chunks on and counts their bytes', async () => {
    const count = { bytes: 0 };
    const chunks = [Buffer.from('abc'), Buffer.from('de')];

    expect(await collect(limitBytes(from(chunks), 5, count))).toEqual(chunks);
    expect(count.bytes).toBe(5);
  });

  it('throws past the limit, before passing on the chunk that crossed it and without reading further', async () => {
    const count = { bytes: 0 };
    let read = 0;
    async function* source(): AsyncGenerator<Buffer> {
      for (;;) {
        read++;
        yield Buffer.alloc(4);
      }
    }
    const passed: Uint8Array[] = [];

    await expect(
      (async () => {
        for await (const chunk of limitBytes(source(), 10, count)) passed.push(chunk);
      })(),
    ).rejects.toThrow(new UploadTooLargeError('an upload may have at most 10 bytes'));
    expect(passed).toHaveLength(2);
    expect(read).toBe(3);
  });
});

describe('recordBatches', () => {
  const records = (n: number, bytes = 10): ParsedRecord[] => Array.from({ length: n }, (_, i) => ({ record: { i }, bytes }));
  const limits: BatchLimits = { maxRecords: 100, batchRecords: 4, batchBytes: 1_000 };

  it('groups the records in order, at most batchRecords a batch, whatever groups they come in', async () => {
    const groups = [records(3), records(6).slice(3), [], records(10).slice(6)];
    const batches = await collect(recordBatches(from(groups), limits));

    expect(batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(records(10).map((r) => r.record));
  });

  it('ends a batch once its records took batchBytes', async () => {
    const batches = await collect(recordBatches(from([records(5, 400)]), limits));

    expect(batches.map((batch) => batch.length)).toEqual([3, 2]);
  });

  it('gives nothing for no records', async () => {
    expect(await collect(recordBatches(from([]), limits))).toEqual([]);
  });

  it('takes maxRecords and throws at one more', async () => {
    expect((await collect(recordBatches(from([records(100)]), limits))).flat()).toHaveLength(100);
    await expect(collect(recordBatches(from([records(50), records(51)]), limits))).rejects.toThrow(
      new UploadTooLargeError('a dataset may have at most 100 records'),
    );
  });

  it('asks for a group only when the next batch is asked for (backpressure)', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<ParsedRecord[]> {
      for (const record of records(12)) {
        pulled++;
        yield [record];
      }
    }
    const batches = recordBatches(counted(), limits);

    await batches.next();
    expect(pulled).toBe(4);
    await batches.next();
    expect(pulled).toBe(8);
  });
});
