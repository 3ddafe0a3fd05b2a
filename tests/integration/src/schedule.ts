import type { estypes } from '@elastic/elasticsearch';
import { RUN_HASH_FIELDS, redisKeys, type JobDocument } from '@app/contracts';
import { dueAt, dueCount, type Pace } from '@app/domain';
import { waitFor, type TestSystem } from '@app/testing';

export interface ScheduleFollowed {
  /** Records compared with the schedule. */
  records: number;
  /** How far ahead of its time the earliest record went out, in ms (negative means early: a burst). */
  earliestMs: number;
  medianLateMs: number;
  p95LateMs: number;
  /**
   * The publish rate achieved across the stretch against the target, as a fraction (-0.02: 2% slow): from the median
   * lateness of its first tenth of records to that of its last tenth. A rate off by e% makes records drift e% of the
   * stretch later (or earlier); a stall of a loaded machine moves a few records, not the median of a tenth.
   */
  rateError: number;
}

/** When one record went out: the `publishedAt` of the scheduler tick that published it. */
interface Published {
  seq: number;
  publishedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stored documents read per request, within Elasticsearch's result window. */
const PAGE_SIZE = 10_000;

/**
 * Compares every record due over the next `ms` with the schedule the run holds from its last change: when
 * it went out (the `publishedAt` of the scheduler tick that published it) against when it was due. Unlike
 * counting records in a wall-clock window, a brief stall of a loaded machine at the window's edge cannot
 * skew it: a stalled tick shows as a few late records, a burst or lost time as records early or all late.
 */
export async function scheduleOver(system: TestSystem, runId: string, ms: number): Promise<ScheduleFollowed> {
  const pace = await readPace(system, runId);
  if (pace.since === null) throw new Error(`run ${runId} is paused`);
  const firstSeq = firstSeqOf(pace);
  await sleep(ms);
  const lastSeq = dueCount(pace, Number.MAX_SAFE_INTEGER, pace.since + ms);
  const records = lastSeq - firstSeq + 1;
  await waitFor(
    async () => {
      await system.es.indices.refresh({ index: system.indices.jobs });
      return (await system.es.count({ index: system.indices.jobs, query: seqRange(runId, firstSeq, lastSeq) })).count === records;
    },
    30_000,
    `records ${firstSeq}..${lastSeq} of run ${runId} to be stored`,
  );
  return compare(pace, await publishTimes(system, runId, firstSeq, lastSeq));
}

/**
 * For a run that is done: compares every record stored under its last schedule (set at its start, its last rate
 * change or the release of its last hold) with that schedule, up to its last record. Dead letters are no results:
 * they are left out.
 */
export async function scheduleToTheEnd(system: TestSystem, runId: string): Promise<ScheduleFollowed> {
  const pace = await readPace(system, runId);
  if (pace.since === null) throw new Error(`run ${runId} was paused or stopped`);
  await system.es.indices.refresh({ index: system.indices.jobs });
  return compare(pace, await publishTimes(system, runId, firstSeqOf(pace), Number.MAX_SAFE_INTEGER));
}

/** The first record due strictly after the schedule was set, so that none was published under an earlier one. */
const firstSeqOf = (pace: Pace): number => Math.floor(pace.accrued) + 2;

const seqRange = (runId: string, from: number, to: number) => ({
  bool: { filter: [{ term: { runId } }, { range: { seq: { gte: from, lte: to } } }] },
});

/** The publish times of the run's stored records from `fromSeq` to `toSeq`, in seq order, paged by seq. */
async function publishTimes(system: TestSystem, runId: string, fromSeq: number, toSeq: number): Promise<Published[]> {
  const times: Published[] = [];
  let after: estypes.SortResults | undefined;
  for (;;) {
    const { hits } = await system.es.search<JobDocument>({
      index: system.indices.jobs,
      query: seqRange(runId, fromSeq, toSeq),
      size: PAGE_SIZE,
      sort: [{ seq: 'asc' }],
      _source: ['seq', 'publishedAt'],
      ...(after && { search_after: after }),
    });
    for (const { _source } of hits.hits) times.push({ seq: _source?.seq ?? 0, publishedAt: Date.parse(_source?.publishedAt ?? '') });
    if (hits.hits.length < PAGE_SIZE) return times;
    after = hits.hits[hits.hits.length - 1].sort;
  }
}

function compare(pace: Pace, published: readonly Published[]): ScheduleFollowed {
  if (published.length === 0) throw new Error('no record was published under the schedule');
  const dueTime = (seq: number) => dueAt(pace, seq) ?? NaN;
  const lateness = published.map(({ seq, publishedAt }) => publishedAt - dueTime(seq));
  const sorted = [...lateness].sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]);
  const tenth = Math.max(1, Math.floor(published.length / 10));
  const scheduledMs = dueTime(published[published.length - 1 - Math.floor(tenth / 2)].seq) - dueTime(published[Math.floor(tenth / 2)].seq);
  const driftMs = median(lateness.slice(-tenth)) - median(lateness.slice(0, tenth));
  return {
    records: published.length,
    earliestMs: Math.floor(sorted[0]),
    medianLateMs: at(0.5),
    p95LateMs: at(0.95),
    rateError: scheduledMs > 0 ? scheduledMs / (scheduledMs + driftMs) - 1 : 0,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function readPace(system: TestSystem, runId: string): Promise<Pace> {
  const fields = await system.redis.hmget(
    redisKeys(system.namespace).run(runId),
    RUN_HASH_FIELDS.ratePerMinute,
    RUN_HASH_FIELDS.paceAccrued,
    RUN_HASH_FIELDS.paceSince,
  );
  const [ratePerMinute, accrued, since] = fields.map((field) => (field ? Number(field) : null));
  if (ratePerMinute === null || accrued === null) throw new Error(`run ${runId} is not in Redis`);
  return { ratePerMinute, accrued, since };
}

/** On schedule: nothing early (no burst), and most records out within a few publish ticks of their time (no time lost). */
export function expectOnSchedule(followed: ScheduleFollowed): void {
  if (followed.earliestMs < -1 || followed.medianLateMs > 100) throw new Error(`off schedule: ${describeSchedule(followed)}`);
}

export const describeSchedule = ({ records, earliestMs, medianLateMs, p95LateMs, rateError }: ScheduleFollowed) =>
  `${records} records, lateness min ${earliestMs} / median ${medianLateMs} / p95 ${p95LateMs} ms, rate ${formatRateError(rateError)}`;

const formatRateError = (rateError: number) => `${rateError >= 0 ? '+' : ''}${(rateError * 100).toFixed(2)}%`;
