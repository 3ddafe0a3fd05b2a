import type { ProcessorName, RunStatus } from '@app/contracts';
import type { Pace } from './pace';

/** A run as held in the hot store: definition, schedule, counters and epoch-millisecond times. */
export interface RunState {
  id: string;
  status: RunStatus;
  total: number;
  processor: ProcessorName;
  pace: Pace;
  /** Highest seq a scheduler has claimed for publishing; `published` catches up once the broker confirms. */
  reserved: number;
  published: number;
  processed: number;
  failed: number;
  /** Why the scheduler is holding back, or null while it keeps pace. */
  throttleReason: string | null;
  /** Bumped by every change of definition, schedule or status (compare-and-set). */
  revision: number;
  createdAt: number;
  startedAt: number | null;
  updatedAt: number;
  finishedAt: number | null;
}
