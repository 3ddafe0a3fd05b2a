import type { JobMessage } from '@app/contracts';
import { newJob, type RunState } from '@app/domain';
import type { DatasetStore } from './dataset-store';

/** A run as far as its records go. */
export type RunRecordsOf = Pick<RunState, 'id' | 'processor' | 'datasetId'>;

/** Records `from`, `from + 1`... of a dataset, in seq order. */
interface Window {
  from: number;
  records: Record<string, unknown>[];
}

interface RunWindows {
  current: Window | null;
  /** The window after `current`, read while `current` is still being used. */
  next: Promise<Window> | null;
}

const covers = (window: Window | null, seq: number): window is Window =>
  window !== null && seq >= window.from && seq < window.from + window.records.length;

/**
 * The jobs of a run's seqs, each with its record: a generated record from `(runId, seq)` alone; a dataset's record
 * read in seq-ordered windows of `windowSize` records just ahead of need, the next window read in the background
 * once half of the current one is used, so that publishing rarely waits for Elasticsearch. Memory stays at two
 * windows per dataset run, for at most `maxRuns` runs (the least recently used are forgotten), however large the
 * datasets.
 */
export class RunRecords {
  private readonly windows = new Map<string, RunWindows>();

  constructor(
    private readonly datasets: Pick<DatasetStore, 'recordsFrom'>,
    private readonly windowSize: number,
    private readonly maxRuns = 64,
  ) {}

  /** The first attempts of seqs `fromSeq`..`toSeq` of a run; throws when a dataset lacks one (deleted meanwhile). */
  async jobs(run: RunRecordsOf, fromSeq: number, toSeq: number, publishedAt: number): Promise<JobMessage[]> {
    const jobs: JobMessage[] = [];
    if (run.datasetId === null) {
      for (let seq = fromSeq; seq <= toSeq; seq++) jobs.push(newJob(run.id, seq, run.processor, publishedAt));
      return jobs;
    }
    for (let seq = fromSeq; seq <= toSeq;) {
      const window = await this.windowAt(run.id, run.datasetId, seq, toSeq);
      const last = Math.min(toSeq, window.from + window.records.length - 1);
      for (; seq <= last; seq++) jobs.push(newJob(run.id, seq, run.processor, publishedAt, window.records[seq - window.from]));
    }
    return jobs;
  }

  /** The window holding `seq`, reading ahead when the records up to `upTo` take it past its middle. */
  private async windowAt(runId: string, datasetId: string, seq: number, upTo: number): Promise<Window> {
    const windows = this.touch(runId);
    if (!covers(windows.current, seq)) {
      const next = windows.next === null ? null : await windows.next.catch(() => null);
      windows.next = null;
      windows.current = covers(next, seq) ? next : await this.read(datasetId, seq);
    }
    const current = windows.current as Window;
    const full = current.records.length === this.windowSize;
    if (full && windows.next === null && upTo >= current.from + this.windowSize / 2) {
      windows.next = this.read(datasetId, current.from + this.windowSize);
      // Awaited (and its failure handled) when the next window is needed; a failed read is then read again.
      windows.next.catch(() => undefined);
    }
    return current;
  }

  private async read(datasetId: string, from: number): Promise<Window> {
    const records = await this.datasets.recordsFrom(datasetId, from, this.windowSize);
    if (records.length === 0 || records[0].seq !== from) {
      throw new Error(`dataset ${datasetId} has no record ${from}: was it deleted while a run used it?`);
    }
    return { from, records: records.map(({ record }) => record) };
  }

  /** The run's windows, now the most recently used; the least recently used run beyond `maxRuns` is forgotten. */
  private touch(runId: string): RunWindows {
    const windows = this.windows.get(runId) ?? { current: null, next: null };
    this.windows.delete(runId);
    this.windows.set(runId, windows);
    if (this.windows.size > this.maxRuns) this.windows.delete(this.windows.keys().next().value as string);
    return windows;
  }
}
