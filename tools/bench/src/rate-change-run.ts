/**
 * How long our platform takes to apply a rate change (bench:rate-change, and our side of bench:peer). One run of
 * generated `square` records at 60/min; in each cycle:
 *
 * 1. wait until a record has just been published (`published` grows in `GET /api/runs/:id`): the slow schedule's
 *    next is then about a second away;
 * 2. `PATCH /api/runs/:id` to 60,000/min (a record a millisecond), noting when it was sent and when it answered;
 * 3. 300 ms later, `PATCH` back to 60/min, and wait a second: whatever the lowering left due has gone out.
 *
 * Afterwards (the run stopped and drained, the results stored), for each raise: the `publishedAt`s of the records
 * published in the 500 ms after the PATCH was sent, and the first of them that another follows within 100 ms (the
 * slow schedule never has two so close: `firstOfBurst`). `publishedAt` is the scheduler tick's `now`, read at the
 * start of the tick that found the record due and published it (confirmed by RabbitMQ before it was recorded); the
 * bench's clock is the same machine's. A lowering's first record on the new schedule is due up to a second after it
 * by design, so lowerings are not timed.
 */
import type { Run } from '@app/contracts';
import { waitFor, type TestSystem } from '@app/testing';
import { applyDelays, firstOfBurst, type ApplyDelays } from './rate-change';

export const SLOW = 60;
export const FAST = 60_000;
/** How long after a raise the bench looks for the first record on the new schedule. */
export const LOOK_MS = 500;
const FAST_MS = 300;
const POLL_MS = 10;
/** Enough of a window's first records to find where its burst starts. */
const FIRST_RECORDS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getRun(system: TestSystem, id: string): Promise<Run> {
  return (await system.api<Run>('GET', `/runs/${id}`)).body;
}

/** PATCHes the run's rate; returns when the request was sent and when its answer was read. */
async function changeRate(system: TestSystem, id: string, ratePerMinute: number): Promise<{ sentAt: number; answeredAt: number }> {
  const sentAt = Date.now();
  const answer = await system.api<Run>('PATCH', `/runs/${id}`, { ratePerMinute });
  const answeredAt = Date.now();
  if (answer.status !== 200) throw new Error(`PATCH to ${ratePerMinute}/min answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return { sentAt, answeredAt };
}

/** Polls until the run has published more than it had: a record has just gone out. */
async function nextPublish(system: TestSystem, id: string): Promise<void> {
  const before = (await getRun(system, id)).published;
  const deadline = Date.now() + 5_000;
  while ((await getRun(system, id)).published === before) {
    if (Date.now() > deadline) throw new Error(`no record published in 5 s at ${SLOW}/min`);
    await sleep(POLL_MS);
  }
}

/** The first stored `publishedAt`s of the run in [from, to), in order. */
async function firstStamps(system: TestSystem, runId: string, from: number, to: number): Promise<number[]> {
  const result = await system.es.search<{ publishedAt: string }>({
    index: system.indices.jobs,
    size: FIRST_RECORDS,
    _source: ['publishedAt'],
    sort: [{ publishedAt: 'asc' }],
    query: { bool: { filter: [{ term: { runId } }, { range: { publishedAt: { gte: from, lt: to } } }] } },
  });
  return result.hits.hits.map((hit) => Date.parse(hit._source?.publishedAt ?? ''));
}

export interface RateChangeMeasure extends ApplyDelays {
  /** How long the PATCHes took to answer, ms. */
  answerMs: { min: number; median: number; max: number };
}

/** Raises a run's rate `changes` times (lowering it again after each) and measures when each raise took effect. */
export async function measureRateChanges(system: TestSystem, changes: number): Promise<RateChangeMeasure> {
  const created = await system.api<Run>('POST', '/runs', { total: 10_000_000, ratePerMinute: SLOW });
  if (created.status !== 201) throw new Error(`creating the run answered ${created.status}`);
  const runId = created.body.id;
  const raises: { sentAt: number; answeredAt: number }[] = [];
  for (let i = 0; i < changes; i++) {
    await nextPublish(system, runId);
    raises.push(await changeRate(system, runId, FAST));
    await sleep(FAST_MS);
    await changeRate(system, runId, SLOW);
    await sleep(1_000);
    process.stdout.write('.');
  }
  console.log();
  await system.api('POST', `/runs/${runId}/stop`);
  await waitFor(
    async () => {
      const run = await getRun(system, runId);
      return run.queued === 0 && run.processed + run.failed === run.published;
    },
    60_000,
    'the stopped run to drain',
  );
  await system.es.indices.refresh({ index: system.indices.jobs });
  const measured = [];
  for (const raise of raises) {
    const stamps = await firstStamps(system, runId, raise.sentAt, raise.sentAt + LOOK_MS);
    measured.push({ ...raise, firstOnNewSchedule: firstOfBurst(stamps, raise.sentAt, raise.sentAt + LOOK_MS) });
  }
  const answerMs = raises.map(({ sentAt, answeredAt }) => answeredAt - sentAt).sort((a, b) => a - b);
  return {
    ...applyDelays(measured),
    answerMs: { min: answerMs[0], median: answerMs[Math.floor(answerMs.length / 2)], max: answerMs[answerMs.length - 1] },
  };
}
