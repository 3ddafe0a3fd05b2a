/** What the benches read back about a run of a TestSystem: from its api, and from its stored results. */
import type { Run } from '@app/contracts';
import { waitFor, type TestSystem } from '@app/testing';

/** Waits for the run to complete, then refreshes the results index so that every stored record can be searched. */
export async function completedRun(system: TestSystem, runId: string, timeoutMs: number): Promise<Run> {
  let run: Run | undefined;
  await waitFor(
    async () => {
      run = (await system.api<Run>('GET', `/runs/${runId}`)).body;
      return run.status === 'completed';
    },
    timeoutMs,
    `run ${runId} to complete`,
  );
  await system.es.indices.refresh({ index: system.indices.jobs });
  return run as Run;
}

/**
 * Records the runs processed (side by side, or one alone) over the time from the first one's `processedAt` to the last
 * one's, of any of them.
 */
export async function processedPerSecond(system: TestSystem, runs: readonly Run[]): Promise<number> {
  const result = await system.es.search({
    index: system.indices.jobs,
    size: 0,
    query: { terms: { runId: runs.map((run) => run.id) } },
    aggs: { first: { min: { field: 'processedAt' } }, last: { max: { field: 'processedAt' } } },
  });
  const aggs = result.aggregations as { first: { value: number }; last: { value: number } };
  const processed = runs.reduce((sum, run) => sum + run.processed, 0);
  return processed / ((aggs.last.value - aggs.first.value) / 1000);
}
