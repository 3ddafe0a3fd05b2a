import type { DatasetRecord } from '@app/contracts';
import { recordInput } from '@app/domain';
import { RunRecords } from './run-records';

/** A dataset of `size` records `{ n: seq }`, counting the reads asked of it. */
class FakeDatasets {
  readonly reads: string[] = [];
  constructor(private readonly size: number) {}

  async recordsFrom(datasetId: string, fromSeq: number, size: number): Promise<DatasetRecord[]> {
    this.reads.push(`${datasetId}@${fromSeq}`);
    const last = Math.min(this.size, fromSeq + size - 1);
    return Array.from({ length: Math.max(0, last - fromSeq + 1) }, (_, i) => ({ seq: fromSeq + i, record: { n: fromSeq + i } }));
  }
}

const overDataset = (id: string) => ({ id, processor: 'http' as const, datasetId: 'ds1' });

describe('RunRecords', () => {
  it('generates the records of a run over none, reading nothing', async () => {
    const datasets = new FakeDatasets(0);
    const jobs = await new RunRecords(datasets, 10).jobs({ id: 'r1', processor: 'square', datasetId: null }, 3, 4, 7);
    expect(jobs).toEqual([
      { runId: 'r1', seq: 3, input: recordInput('r1', 3), processor: 'square', publishedAt: 7, attempt: 1 },
      { runId: 'r1', seq: 4, input: recordInput('r1', 4), processor: 'square', publishedAt: 7, attempt: 1 },
    ]);
    expect(datasets.reads).toEqual([]);
  });

  it('reads a dataset in windows, the next one once half of the current is used', async () => {
    const datasets = new FakeDatasets(25);
    const records = new RunRecords(datasets, 10);
    const run = overDataset('r1');
    expect((await records.jobs(run, 1, 4, 0)).map((job) => job.input)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(datasets.reads).toEqual(['ds1@1']);
    await records.jobs(run, 5, 6, 0); // past half of 1..10: 11..20 is read ahead
    expect(datasets.reads).toEqual(['ds1@1', 'ds1@11']);
    // A span across windows is served from both; the last, short window (the dataset's end) reads nothing further.
    expect((await records.jobs(run, 9, 22, 0)).map((job) => job.seq)).toEqual(Array.from({ length: 14 }, (_, i) => 9 + i));
    expect(datasets.reads).toEqual(['ds1@1', 'ds1@11', 'ds1@21']);
    await records.jobs(run, 23, 25, 0);
    expect(datasets.reads).toHaveLength(3);
  });

  it('says which record is missing when a dataset lost it', async () => {
    await expect(new RunRecords(new FakeDatasets(5), 10).jobs(overDataset('r1'), 6, 6, 0)).rejects.toThrow(
      'dataset ds1 has no record 6: was it deleted while a run used it?',
    );
  });

  it('forgets the windows of the least recently used run beyond its bound', async () => {
    const datasets = new FakeDatasets(100);
    const records = new RunRecords(datasets, 10, 2);
    await records.jobs(overDataset('a'), 1, 1, 0);
    await records.jobs(overDataset('b'), 1, 1, 0);
    await records.jobs(overDataset('a'), 2, 2, 0); // a is the most recent: c's arrival forgets b
    await records.jobs(overDataset('c'), 1, 1, 0);
    datasets.reads.length = 0;
    await records.jobs(overDataset('a'), 3, 3, 0);
    await records.jobs(overDataset('b'), 2, 2, 0);
    expect(datasets.reads).toEqual(['ds1@2']); // a's window was kept, b's read again from where it is
  });
});
