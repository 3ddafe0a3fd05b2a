import type { RunDocument } from '@app/contracts';
import type { Pace } from './pace';

/**
 * A run as held in the hot store: the fields of its durable record (`RunDocument`, where each is described), with
 * the schedule as one `Pace` instead of its three stored fields. Times are epoch milliseconds.
 */
export interface RunState extends Omit<RunDocument, 'ratePerMinute' | 'paceAccrued' | 'paceSince'> {
  pace: Pace;
}
