import { PROCESSOR_NAMES, RUN_HASH_FIELDS as F, RUN_STATUSES, type ProcessorName, type RunStatus } from '@app/contracts';
import type { RunState } from '@app/domain';

/*
 * The one mapping between a run's hot state and its Redis hash (field names from `RUN_HASH_FIELDS`). A new run
 * field is added here, in the contract (`RunDocument`, `RUN_HASH_FIELDS`) and in the archive's mapping
 * (`toRunDocument`/`fromRunDocument` in libs/domain `run-document.ts`); and, if clients see it, in `Run`,
 * `toRunJson` and `RunDto`.
 */

const orEmpty = (value: number | string | null): string => (value === null ? '' : String(value));
const orNull = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);
const jsonOrEmpty = (value: object | null): string => (value === null ? '' : JSON.stringify(value));
const jsonOrNull = <T>(value: string | undefined): T | null => (orNull(value) === null ? null : (JSON.parse(value as string) as T));
const numberOrNull = (value: string | undefined): number | null => (orNull(value) === null ? null : Number(value));

/** The fields a compare-and-set may write: everything but the counters, the claim and the revision. */
export function definitionFields(run: RunState): Record<string, string> {
  return {
    [F.id]: run.id,
    [F.status]: run.status,
    [F.total]: String(run.total),
    [F.processor]: run.processor,
    [F.datasetId]: orEmpty(run.datasetId),
    [F.target]: jsonOrEmpty(run.target),
    [F.secret]: orEmpty(run.secret),
    [F.rounds]: orEmpty(run.rounds),
    [F.notify]: jsonOrEmpty(run.notify),
    [F.ratePerMinute]: String(run.pace.ratePerMinute),
    [F.paceAccrued]: String(run.pace.accrued),
    [F.paceSince]: orEmpty(run.pace.since),
    [F.throttleReason]: orEmpty(run.throttleReason),
    [F.createdAt]: String(run.createdAt),
    [F.startedAt]: orEmpty(run.startedAt),
    [F.updatedAt]: String(run.updatedAt),
    [F.finishedAt]: orEmpty(run.finishedAt),
  };
}

/** Every field of the hash: how a run is first written, or rewritten whole when the state is rebuilt. */
export function hashFields(run: RunState): Record<string, string> {
  return {
    ...definitionFields(run),
    [F.reserved]: String(run.reserved),
    [F.published]: String(run.published),
    [F.processed]: String(run.processed),
    [F.failed]: String(run.failed),
    [F.revision]: String(run.revision),
  };
}

/** The run a hash holds; null for an empty hash (no such run). */
export function fromHashFields(fields: Record<string, string>): RunState | null {
  if (!fields[F.id]) return null;
  return {
    id: fields[F.id],
    status: asStatus(fields[F.status]),
    total: Number(fields[F.total]),
    processor: asProcessor(fields[F.processor]),
    datasetId: orNull(fields[F.datasetId]),
    target: jsonOrNull(fields[F.target]),
    secret: orNull(fields[F.secret]),
    rounds: numberOrNull(fields[F.rounds]),
    notify: jsonOrNull(fields[F.notify]),
    pace: {
      ratePerMinute: Number(fields[F.ratePerMinute]),
      accrued: Number(fields[F.paceAccrued]),
      since: numberOrNull(fields[F.paceSince]),
    },
    reserved: Number(fields[F.reserved] ?? 0),
    published: Number(fields[F.published] ?? 0),
    processed: Number(fields[F.processed] ?? 0),
    failed: Number(fields[F.failed] ?? 0),
    throttleReason: orNull(fields[F.throttleReason]),
    revision: Number(fields[F.revision] ?? 0),
    createdAt: Number(fields[F.createdAt]),
    startedAt: numberOrNull(fields[F.startedAt]),
    updatedAt: Number(fields[F.updatedAt]),
    finishedAt: numberOrNull(fields[F.finishedAt]),
  };
}

function asStatus(value: string | undefined): RunStatus {
  const status = RUN_STATUSES.find((s) => s === value);
  if (!status) throw new Error(`stored run has an unknown status "${value}"`);
  return status;
}

function asProcessor(value: string | undefined): ProcessorName {
  const processor = PROCESSOR_NAMES.find((p) => p === value);
  if (!processor) throw new Error(`stored run has an unknown processor "${value}"`);
  return processor;
}
