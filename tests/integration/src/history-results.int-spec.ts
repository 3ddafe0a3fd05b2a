import type { JobDocument, ResultPage, Run, RunHistory, RunSample } from '@app/contracts';
import { TestSystem, UNKNOWN_RUN_ID, waitFor } from '@app/testing';

const system = new TestSystem({ workers: 2, basePort: 4000 });

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

const TOTAL = 1_200;

const getRun = async (id: string) => (await system.api<Run>('GET', `/runs/${id}`)).body;
const getHistory = async (id: string) => (await system.api<RunHistory>('GET', `/runs/${id}/history`)).body;
const getResults = (id: string, query: string) => system.api<ResultPage & { message?: string[] }>('GET', `/runs/${id}/results?${query}`);

/** Waits until the run's history holds samples that pass `check`, and returns the history. */
async function historyWhere(runId: string, check: (samples: RunSample[]) => boolean, what: string): Promise<RunHistory> {
  let history: RunHistory | undefined;
  await waitFor(
    async () => {
      history = await getHistory(runId);
      return check(history.samples);
    },
    60_000,
    what,
  );
  return history as RunHistory;
}

const count = (samples: RunSample[], match: (sample: RunSample) => boolean) => samples.filter(match).length;

describe('run detail: rate history and results', () => {
  let runId = '';

  it('samples a run about once a second, with its target rate and a mark for each change, to its completion', async () => {
    const created = await system.api<Run>('POST', '/runs', { total: TOTAL, ratePerMinute: 1_800 });
    expect(created.status).toBe(201);
    runId = created.body.id;

    await historyWhere(runId, (s) => count(s, (x) => x.status === 'running') >= 3, 'three samples at the first rate');
    expect((await system.api<Run>('PATCH', `/runs/${runId}`, { ratePerMinute: 3_600 })).status).toBe(200);
    await historyWhere(runId, (s) => count(s, (x) => x.targetRatePerMinute === 3_600) >= 2, 'two samples at the new rate');
    expect((await system.api<Run>('POST', `/runs/${runId}/pause`)).status).toBe(200);
    await historyWhere(runId, (s) => count(s, (x) => x.status === 'paused') >= 3, 'three samples while paused');
    expect((await system.api<Run>('POST', `/runs/${runId}/resume`)).status).toBe(200);
    await waitFor(async () => (await getRun(runId)).status === 'completed', 60_000, 'the run to complete');
    const { samples, marks } = await historyWhere(runId, (s) => s.at(-1)?.status === 'completed', 'the completed sample');

    // One sample a second: each in a whole second of its own, oldest first, few seconds missed.
    const seconds = samples.map((sample) => Date.parse(sample.at) / 1000);
    expect(seconds.every(Number.isInteger)).toBe(true);
    expect(seconds).toEqual([...new Set(seconds)].sort((a, b) => a - b));
    const span = seconds[seconds.length - 1] - seconds[0] + 1;
    expect(samples.length).toBeGreaterThanOrEqual(Math.floor(span * 0.7));
    expect(samples.every((sample) => sample.runId === runId)).toBe(true);

    // The target rate is the first one until the change and the new one from then on.
    // Three samples at the first rate were seen before the change; on a loaded machine a late tick may land in the
    // second of the one before it and replace it (one sample per second, by id), so at least two remain.
    const firstAtNewRate = samples.findIndex((sample) => sample.targetRatePerMinute === 3_600);
    expect(firstAtNewRate).toBeGreaterThanOrEqual(2);
    expect(samples.slice(0, firstAtNewRate).every((sample) => sample.targetRatePerMinute === 1_800)).toBe(true);
    expect(samples.slice(firstAtNewRate).every((sample) => sample.targetRatePerMinute === 3_600)).toBe(true);

    // Counters only grow, and nothing is published while paused.
    for (const field of ['published', 'processed'] as const) {
      const values = samples.map((sample) => sample[field]);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    // (The first paused sample may come before the confirm of a batch claimed just before the pause. Three were
    // seen above; a sample late by a loaded machine's second may share its second with the next and be replaced.)
    const paused = samples.filter((sample) => sample.status === 'paused');
    expect(paused.length).toBeGreaterThanOrEqual(2);
    expect(new Set(paused.slice(1).map((sample) => sample.published)).size).toBe(1);
    expect(paused[0].published).toBeLessThan(TOTAL);

    expect(marks.map((mark) => mark.kind)).toEqual(['rate-changed', 'paused', 'resumed', 'completed']);
    const [rateChanged, pausedMark, resumedMark, completedMark] = marks;
    expect(rateChanged).toMatchObject({ at: samples[firstAtNewRate].at, detail: '1,800/min -> 3,600/min' });
    expect(pausedMark.at).toBe(paused[0].at);
    expect(resumedMark.at > paused[paused.length - 1].at).toBe(true);
    expect(completedMark.detail).toBe('1,200 processed, 0 failed');
    expect(samples[samples.length - 1]).toMatchObject({ status: 'completed', published: TOTAL, processed: TOTAL, queued: 0 });
  });

  it('pages every stored result once, in seq order, with filters and a total of what matches', async () => {
    await waitFor(async () => (await getResults(runId, 'size=1')).body.total === TOTAL, 30_000, 'every result to be searchable');

    const seqs: number[] = [];
    const byWorker = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page: { status: number; body: ResultPage } = await getResults(runId, `size=128${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(TOTAL);
      for (const item of page.body.items as JobDocument[]) {
        expect(item).toMatchObject({ runId, output: (item.input as number) ** 2 });
        seqs.push(item.seq);
        byWorker.set(item.workerId, (byWorker.get(item.workerId) ?? 0) + 1);
      }
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));

    const range = await getResults(runId, 'seqFrom=100&seqTo=199&size=30&cursor=150');
    expect(range.body.total).toBe(100);
    expect(range.body.items.map((item) => item.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 151 + i));
    expect(range.body.nextCursor).toBe('180');

    for (const [workerId, stored] of byWorker) {
      const page = await getResults(runId, `workerId=${workerId}&size=1000`);
      expect(page.body.total).toBe(stored);
      expect(page.body.items.every((item) => item.workerId === workerId)).toBe(true);
    }
    expect((await getResults(runId, 'workerId=no-such-worker')).body).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('answers a bad query with a 400 naming the field, and an unknown run with a 404', async () => {
    for (const [query, field] of [
      ['size=0', 'size'],
      ['size=1001', 'size'],
      ['size=many', 'size'],
      ['cursor=-1', 'cursor'],
      ['seqFrom=0', 'seqFrom'],
      ['workerId=a%20b', 'workerId'],
      ['color=red', 'color'],
    ]) {
      const answer = await getResults(runId, query);
      expect(answer.status).toBe(400);
      expect(answer.body.message?.join(' ')).toContain(field);
    }
    expect((await getResults(UNKNOWN_RUN_ID, 'size=10')).status).toBe(404);
    expect((await system.api('GET', `/runs/${UNKNOWN_RUN_ID}/history`)).status).toBe(404);
  });
});
