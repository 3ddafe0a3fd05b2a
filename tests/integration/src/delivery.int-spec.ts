import { isDeepStrictEqual } from 'node:util';
import type { CreatedRun, Dataset, FailureDocument, FailurePage, Run, RunAudit, RunPage } from '@app/contracts';
import { csvChunks, csvRecord, ReceivingEndpoint, TestSystem, waitFor, type AnswerRule } from '@app/testing';
import { completedRun, getRun } from './runs';
import { describeSchedule, expectOnSchedule, scheduleOver, scheduleToTheEnd } from './schedule';

// Ports: api 4320, scheduler 4321, workers 4322-4323; the endpoint 5620. Retries come fast (100 ms, then doubling, or
// the endpoint's Retry-After), and five attempts let a record refused twice through a 429 window still get through.
const system = new TestSystem({ workers: 2, basePort: 4320, env: { JOB_MAX_ATTEMPTS: '5', JOB_RETRY_BASE_DELAY_MS: '100' } });
const endpoint = new ReceivingEndpoint(5620);

beforeAll(async () => {
  await endpoint.start();
  await system.start();
}, 120_000);
afterAll(async () => {
  await system.stop();
  await endpoint.stop();
}, 60_000);

const ROWS = 20_000;

/** Records the endpoint always answers 400: they will not get better, so each is a dead letter after one attempt. */
const ALWAYS_REFUSED = new Set([7, 4_321, 9_999, 15_000, ROWS]);
/**
 * Records whose first attempt is answered 429 with `Retry-After: 1`. Each holds the whole run back for that second
 * (SPEC: the pace is the pace of deliveries), so they are few and among the first, and the rest of the run shows the pace.
 */
const THROTTLED_FIRST = new Set([10, 20, 30]);
/** About one record in a hundred, all through the run, has its first attempt answered 500: retried, never held back for. */
const failsFirst = (seq: number) => seq % 97 === 5;

/** The endpoint of the 20,000-record run: refuses some records for good, and some first attempts. */
const refusingSome: AnswerRule = ({ seq, attempt }) => {
  if (ALWAYS_REFUSED.has(seq)) return { status: 400 };
  if (attempt > 1) return null;
  if (THROTTLED_FIRST.has(seq)) return { status: 429, retryAfterSeconds: 1 };
  if (failsFirst(seq)) return { status: 500 };
  return null;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seqsUpTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Starts an `http` run over the dataset to the endpoint, which verifies its requests with the secret of the 201. */
async function startDelivery(datasetId: string, ratePerMinute: number, total?: number): Promise<CreatedRun> {
  const created = await system.api<CreatedRun>('POST', '/runs', {
    datasetId,
    total,
    ratePerMinute,
    processor: 'http',
    target: { url: endpoint.url },
  });
  if (created.status !== 201) throw new Error(`creating the run answered ${created.status}: ${JSON.stringify(created.body)}`);
  const { secret } = created.body;
  if (secret === undefined) throw new Error('the 201 of an http run carries no secret');
  endpoint.trust(created.body.id, secret);
  return created.body;
}

/** Every dead letter of the run, page after page. */
async function failuresOf(runId: string): Promise<FailureDocument[]> {
  const failures: FailureDocument[] = [];
  let cursor: string | null = null;
  do {
    const page: FailurePage = (
      await system.api<FailurePage>('GET', `/runs/${runId}/failures?size=1000${cursor ? `&cursor=${cursor}` : ''}`)
    ).body;
    failures.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return failures;
}

/** The run, read every 100 ms for `ms`. */
async function readingsOver(runId: string, ms: number): Promise<Run[]> {
  const readings: Run[] = [];
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) readings.push(await getRun(system, runId));
  return readings;
}

describe('http runs over a dataset', () => {
  let dataset: Dataset;

  beforeAll(async () => {
    const uploaded = await system.uploadDataset('deliveries', 'text/csv', csvChunks(ROWS));
    if (uploaded.status !== 201) throw new Error(`the upload answered ${uploaded.status}`);
    dataset = uploaded.body;
  }, 60_000);

  it('delivers 20,000 CSV rows at 60,000/min, each signed, accepted once, the 400s its only dead letters, on pace', async () => {
    endpoint.answer = refusingSome;
    const started = performance.now();

    const created = await startDelivery(dataset.id, 60_000);

    expect(created).toMatchObject({ total: ROWS, processor: 'http', datasetId: dataset.id, target: { url: endpoint.url } });
    expect(created.secret).toMatch(/^whsec_/);
    const run = await completedRun(system, created.id, 120_000);
    const seconds = (performance.now() - started) / 1_000;
    expect(run).toMatchObject({ processed: ROWS - ALWAYS_REFUSED.size, failed: ALWAYS_REFUSED.size, queued: 0 });
    expect(run.processed + run.failed).toBe(run.total);

    // Every other record accepted, by its idempotency key, with its row as the body: nothing refused came back, and no
    // record came again once accepted. The only requests beyond one per record are the refused first attempts.
    const deliveries = endpoint.deliveries(run.id);
    expect(deliveries.rejected).toEqual([]);
    expect([...deliveries.accepted.keys()].sort((a, b) => a - b)).toEqual(seqsUpTo(ROWS).filter((seq) => !ALWAYS_REFUSED.has(seq)));
    expect(deliveries.repeated).toBe(0);
    const refusedFirst = seqsUpTo(ROWS).filter((seq) => !ALWAYS_REFUSED.has(seq) && (THROTTLED_FIRST.has(seq) || failsFirst(seq)));
    expect(deliveries.requests).toBe(ROWS + refusedFirst.length);
    const otherBodies = [...deliveries.accepted].filter(([seq, body]) => !isDeepStrictEqual(body, csvRecord(seq)));
    expect(otherBodies.slice(0, 3)).toEqual([]);

    // The 400s, and nothing else, are the run's dead letters, after their one attempt. Listing is near-real-time: the
    // last one shows within Elasticsearch's refresh interval (1 s).
    await waitFor(async () => (await failuresOf(run.id)).length >= ALWAYS_REFUSED.size, 5_000, 'the dead letters to be listed');
    const failures = await failuresOf(run.id);
    expect(failures.map((failure) => failure.seq)).toEqual([...ALWAYS_REFUSED].sort((a, b) => a - b));
    for (const failure of failures) expect(failure).toMatchObject({ attempts: 1, error: expect.stringMatching(/answered 400/) });

    const audit = (await system.api<RunAudit>('GET', `/runs/${run.id}/audit`)).body;
    expect(audit).toMatchObject({ published: ROWS, stored: ROWS - ALWAYS_REFUSED.size, deadLetters: ALWAYS_REFUSED.size, clean: true });

    // The pace since the last 429 was let go (at least half the run, however late the early 429s were delivered on a
    // loaded machine): out on time, at the target rate within 2%.
    const followed = await scheduleToTheEnd(system, run.id);
    console.log(
      `20,000 deliveries at 60,000/min done in ${seconds.toFixed(1)} s, ${deliveries.requests} requests; ` +
        `after the last hold: ${describeSchedule(followed)}`,
    );
    expect(followed.records).toBeGreaterThan(ROWS / 2);
    expectOnSchedule(followed);
    expect(Math.abs(followed.rateError)).toBeLessThan(0.02);
  });

  it('holds a run back while its endpoint answers 429, saying so, and returns to its pace by itself', async () => {
    const total = 6_000;
    let refusing = false;
    endpoint.answer = () => (refusing ? { status: 429, retryAfterSeconds: 2 } : null);
    const run = await startDelivery(dataset.id, 60_000, total);
    await waitFor(async () => (await getRun(system, run.id)).published >= 1_000, 30_000, 'a thousand records to be published');

    // Every request refused for 2.5 s: each refusal holds the run back for its Retry-After, with it as the reason, so
    // it publishes little of what its pace would have (2,500) meanwhile.
    refusing = true;
    const readings = await readingsOver(run.id, 2_500);
    refusing = false;
    const reasons = new Set(readings.flatMap(({ throttleReason }) => (throttleReason === null ? [] : [throttleReason])));
    expect([...reasons]).toEqual([expect.stringMatching(/^the endpoint answered 429 \(Retry-After 2 s\)/)]);
    const publishedMeanwhile = readings[readings.length - 1].published - readings[0].published;
    expect(publishedMeanwhile).toBeLessThan(1_250);

    // Let go once the last refusal's Retry-After has passed.
    await sleep(2_000);
    await waitFor(async () => !(await getRun(system, run.id)).throttled, 10_000, 'the run to be let go');
    // Then on its pace again by itself: no burst to catch up, no time lost.
    const resumed = await scheduleOver(system, run.id, 2_000);
    const throttledShare = readings.filter(({ throttled }) => throttled).length / readings.length;
    console.log(
      `while refused: throttled in ${Math.round(throttledShare * 100)}% of readings, ${publishedMeanwhile} published; ` +
        `then: ${describeSchedule(resumed)}`,
    );
    expectOnSchedule(resumed);

    const done = await completedRun(system, run.id, 60_000);
    expect(done).toMatchObject({ processed: total, failed: 0 });
    expect(endpoint.deliveries(run.id).accepted.size).toBe(total);
    expect(endpoint.deliveries(run.id).rejected).toEqual([]);
  });

  // A malformed CSV line (a 400 naming it, and no dataset left) is datasets.int-spec's.
  it('refuses a target outside HTTP_TARGET_ALLOWLIST with a 400 naming target.url, and starts nothing', async () => {
    const before = (await system.api<RunPage>('GET', '/runs?limit=100')).body.items.map(({ id }) => id);

    const answer = await system.api<{ message: string[] }>('POST', '/runs', {
      datasetId: dataset.id,
      ratePerMinute: 60,
      processor: 'http',
      target: { url: 'https://example.com/hooks' },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual(['target.url host example.com is not in HTTP_TARGET_ALLOWLIST (127.0.0.1, localhost)']);
    expect((await system.api<RunPage>('GET', '/runs?limit=100')).body.items.map(({ id }) => id)).toEqual(before);
  });
});
