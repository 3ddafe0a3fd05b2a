/**
 * Runs side by side, as the throughput and peer benches drive the platform at its most: one run may ask at most
 * 600,000/min (10,000/s), which alone would make that ask the bound, so BENCH_RUNS (3) runs at that rate together ask
 * more than this machine does, and backpressure, not the ask, holds them.
 */
import { RUN_LIMITS, type CreateRunRequest, type Run } from '@app/contracts';
import type { TestSystem } from '@app/testing';

export const SIDE_BY_SIDE_RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

/** `total` records split over `runs` runs as evenly as whole records allow, the first ones taking what is left over. */
export function splitTotal(total: number, runs: number): number[] {
  const each = Math.floor(total / runs);
  return Array.from({ length: runs }, (_, i) => each + (i < total % runs ? 1 : 0));
}

/** Starts one run per total, each asked at the most a run may ask; resolves with their ids, in the same order. */
export async function startRunsAtMostRate(
  system: TestSystem,
  totals: readonly number[],
  request: Omit<CreateRunRequest, 'total' | 'ratePerMinute' | 'durationMinutes'>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const total of totals) {
    const created = await system.api<Run>('POST', '/runs', { ...request, total, ratePerMinute: RUN_LIMITS.ratePerMinuteMax });
    if (created.status !== 201) throw new Error(`starting a run answered ${created.status}: ${JSON.stringify(created.body)}`);
    ids.push(created.body.id);
  }
  return ids;
}
