import { RUN_HASH_FIELDS, redisKeys, type JobDocument } from '@app/contracts';
import { dueAt, dueCount, type Pace } from '@app/domain';
import { waitFor, type TestSystem } from '@app/testing';

export interface ScheduleFollowed {
  /** Records due over the window, all of which were stored. */
  records: number;
  /** How far ahead of its time the earliest record went out, in ms (negative means early: a burst). */
  earliestMs: number;
  medianLateMs: number;
  p95LateMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Compares every record due over the next `ms` with the schedule the run holds from its last change: when
 * it went out (the `publishedAt` of the scheduler tick that published it) against when it was due. Unlike
 * counting records in a wall-clock window, a brief stall of a loaded machine at the window's edge cannot
 * skew it: a stalled tick shows as a few late records, a burst or lost time as records early or all late.
 */
export async function scheduleOver(system: TestSystem, runId: string, ms: number): Promise<ScheduleFollowed> {
  const pace = await readPace(system, runId);
  if (pace.since === null) throw new Error(`run ${runId} is paused`);
  // The first record due strictly after the rate was set, so that none was published under an earlier rate.
  const firstSeq = Math.floor(pace.accrued) + 2;
  await sleep(ms);
  const lastSeq = dueCount(pace, Number.MAX_SAFE_INTEGER, pace.since + ms);
  const query = { bool: { filter: [{ term: { runId } }, { range: { seq: { gte: firstSeq, lte: lastSeq } } }] } };
  const records = lastSeq - firstSeq + 1;
  await waitFor(
    async () => {
      await system.es.indices.refresh({ index: system.indices.jobs });
      return (await system.es.count({ index: system.indices.jobs, query })).count === records;
    },
    30_000,
    `records ${firstSeq}..${lastSeq} of run ${runId} to be stored`,
  );
  const { hits } = await system.es.search<JobDocument>({
    index: system.indices.jobs,
    query,
    size: records,
    _source: ['seq', 'publishedAt'],
  });
  const lateness = hits.hits
    .map(({ _source }) => Date.parse(_source?.publishedAt ?? '') - (dueAt(pace, _source?.seq ?? 0) ?? NaN))
    .sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(lateness[Math.min(lateness.length - 1, Math.floor(lateness.length * fraction))]);
  return { records, earliestMs: Math.floor(lateness[0]), medianLateMs: at(0.5), p95LateMs: at(0.95) };
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

export const describeSchedule = ({ records, earliestMs, medianLateMs, p95LateMs }: ScheduleFollowed) =>
  `${records} records, lateness min ${earliestMs} / median ${medianLateMs} / p95 ${p95LateMs} ms`;
