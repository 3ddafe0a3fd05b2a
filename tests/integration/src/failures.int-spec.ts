import {
  METRIC_NAMES,
  jobId,
  type FailurePage,
  type JobDocument,
  type RepairResult,
  type ReplayResult,
  type Run,
  type RunAudit,
} from '@app/contracts';
import { TestSystem, UNKNOWN_RUN_ID, waitFor } from '@app/testing';

// Fast backoff (100 ms, then 200 ms) so that three attempts take a fraction of a second.
const system = new TestSystem({ workers: 2, basePort: 3880, env: { JOB_MAX_ATTEMPTS: '3', JOB_RETRY_BASE_DELAY_MS: '100' } });

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

const getRun = async (id: string) => (await system.api<Run>('GET', `/runs/${id}`)).body;
const failuresOf = async (id: string) => (await system.api<FailurePage>('GET', `/runs/${id}/failures?size=1000`)).body.items;

async function completedRun(total: number, processor: string): Promise<Run> {
  const { body } = await system.api<Run>('POST', '/runs', { total, ratePerMinute: 600_000, processor });
  await waitFor(async () => (await getRun(body.id)).status === 'completed', 20_000, `the ${processor} run to complete`);
  return getRun(body.id);
}

describe('retries, dead letters and replay', () => {
  it('retries a failing job with backoff, then dead-letters it with its error and attempts, counted once as failed', async () => {
    const retriedBefore = await system.workerMetric(METRIC_NAMES.workerJobsRetried);
    const run = await completedRun(5, 'poison');
    expect(run).toMatchObject({ processed: 0, failed: 5, queued: 0 });
    expect((await system.workerMetric(METRIC_NAMES.workerJobsRetried)) - retriedBefore).toBe(10);

    // Listing is near-real-time: dead letters show within Elasticsearch's refresh interval (1 s).
    await waitFor(async () => (await failuresOf(run.id)).length === 5, 5_000, 'the dead letters to be listed');
    const failures = await failuresOf(run.id);
    expect(failures.map((failure) => failure.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const failure of failures)
      expect(failure).toMatchObject({ attempts: 3, error: 'poison processor always fails', processor: 'poison' });

    // Replayed, a poison job fails again: still one dead letter and one failure each, now after a 4th attempt.
    const replay = await system.api<ReplayResult>('POST', `/runs/${run.id}/failures/replay`);
    expect(replay).toEqual({ status: 200, body: { replayed: 5 } });
    await waitFor(async () => (await failuresOf(run.id)).every((failure) => failure.attempts === 4), 10_000, 'the replays to fail');
    expect(await getRun(run.id)).toMatchObject({ processed: 0, failed: 5, status: 'completed' });
  });

  it('moves replayed dead letters that now succeed from failed to processed', async () => {
    const run = await completedRun(20, 'flaky');
    expect(run).toMatchObject({ processed: 0, failed: 20 });
    await waitFor(async () => (await failuresOf(run.id)).length === 20, 5_000, 'the dead letters to be listed');

    expect((await system.api<ReplayResult>('POST', `/runs/${run.id}/failures/replay`)).body).toEqual({ replayed: 20 });
    await waitFor(async () => (await getRun(run.id)).processed === 20, 10_000, 'the replays to succeed');
    expect(await getRun(run.id)).toMatchObject({ processed: 20, failed: 0, status: 'completed' });
    await waitFor(async () => (await failuresOf(run.id)).length === 0, 5_000, 'the dead letters to be removed');

    await system.es.indices.refresh({ index: system.indices.jobs });
    const stored = await system.es.search<JobDocument>({ index: system.indices.jobs, size: 100, query: { term: { runId: run.id } } });
    expect(stored.hits.hits).toHaveLength(20);
    for (const hit of stored.hits.hits) {
      const document = hit._source as JobDocument;
      expect(document.attempt).toBe(4);
      expect(document.output).toBe((document.input as number) ** 2);
    }
  });

  it('answers 404 for the failures of an unknown run and 400 for a bad page size', async () => {
    expect((await system.api('GET', `/runs/${UNKNOWN_RUN_ID}/failures`)).status).toBe(404);
    expect((await system.api('POST', `/runs/${UNKNOWN_RUN_ID}/failures/replay`)).status).toBe(404);
    const run = await completedRun(1, 'square');
    expect((await system.api('GET', `/runs/${run.id}/failures?size=0`)).status).toBe(400);
    expect((await system.api<FailurePage>('GET', `/runs/${run.id}/failures`)).body).toEqual({ items: [], nextCursor: null });
  });
});

describe('audit and repair', () => {
  it('proves a finished run whole, and after results are lost, finds exactly those and republishes only them', async () => {
    const run = await completedRun(500, 'square');
    const audit = async () => (await system.api<RunAudit>('GET', `/runs/${run.id}/audit`)).body;
    expect(await audit()).toMatchObject({ published: 500, stored: 500, deadLetters: 0, missing: [], duplicates: [], clean: true });

    const lost = [100, 101, 102, 103, 104, 300];
    await system.es.bulk({
      refresh: true,
      operations: lost.map((seq) => ({ delete: { _index: system.indices.jobs, _id: jobId(run.id, seq) } })),
    });
    expect(await audit()).toMatchObject({
      stored: 494,
      missing: [
        { from: 100, to: 104 },
        { from: 300, to: 300 },
      ],
      missingCount: 6,
      countersMatch: false,
      clean: false,
    });

    expect((await system.api<RepairResult>('POST', `/runs/${run.id}/audit/repair`)).body).toEqual({ republished: 6 });
    await waitFor(async () => (await audit()).clean, 10_000, 'the repaired run to audit clean');
    // The republished seqs were counted before: storing them again changed no counter.
    expect(await getRun(run.id)).toMatchObject({ processed: 500, failed: 0 });
    const stored = await system.es.count({ index: system.indices.jobs, query: { term: { runId: run.id } } });
    expect(stored.count).toBe(500);
  });

  it('counts dead letters as accounted for', async () => {
    const run = await completedRun(3, 'poison');
    await waitFor(async () => (await system.api<RunAudit>('GET', `/runs/${run.id}/audit`)).body.clean, 5_000, 'a clean audit');
    expect((await system.api<RunAudit>('GET', `/runs/${run.id}/audit`)).body).toMatchObject({ deadLetters: 3, stored: 0, missingCount: 0 });
    expect((await system.api('GET', `/runs/${UNKNOWN_RUN_ID}/audit`)).status).toBe(404);
  });
});
