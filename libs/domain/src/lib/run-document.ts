import type { RunDocument } from '@app/contracts';
import type { RunState } from './run-state';

/** A run's durable record (`runs` index) from its hot state. A new run field is mapped here and in `fromRunDocument`. */
export function toRunDocument(run: RunState): RunDocument {
  return {
    id: run.id,
    status: run.status,
    total: run.total,
    processor: run.processor,
    datasetId: run.datasetId,
    target: run.target,
    secret: run.secret,
    rounds: run.rounds,
    notify: run.notify,
    ratePerMinute: run.pace.ratePerMinute,
    paceAccrued: run.pace.accrued,
    paceSince: run.pace.since,
    reserved: run.reserved,
    published: run.published,
    processed: run.processed,
    failed: run.failed,
    throttleReason: run.throttleReason,
    revision: run.revision,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
  };
}

/** The run as last archived, in its hot shape: what answers reads while Redis is being rebuilt, and what a rebuild starts from. */
export function fromRunDocument(record: RunDocument): RunState {
  const { ratePerMinute, paceAccrued, paceSince, ...rest } = record;
  return { ...rest, pace: { ratePerMinute, accrued: paceAccrued, since: paceSince } };
}
