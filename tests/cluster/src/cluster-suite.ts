import { formatFaultTable, runTrial, type FaultRow, type Injected, type TestSystem, type TrialResult, type TrialRun } from '@app/testing';

/**
 * How many trials each cluster fault runs: `CLUSTER_TRIALS`, else 1 under `CLUSTER=ci` (the subset the test
 * command runs) and 3 for the full suite (`npm run test:cluster`).
 */
export const CLUSTER_TRIALS = Number(process.env['CLUSTER_TRIALS'] ?? (process.env['CLUSTER'] === 'ci' ? 1 : 3));

/** A cluster of the suite's own, as the `infra/` script that starts it answers. */
interface Cluster {
  up(): Promise<unknown>;
  down(): Promise<unknown>;
}

/**
 * The hooks every cluster spec has: the cluster up, then the system on it; at the end the table of the rows the spec
 * pushed, the system stopped, the cluster down (even when stopping the system failed). Returns the rows to push to.
 */
export function onCluster(cluster: Cluster, system: TestSystem, startTimeoutMs: number): FaultRow[] {
  const rows: FaultRow[] = [];
  beforeAll(async () => {
    await cluster.up();
    await system.start();
  }, startTimeoutMs);
  afterAll(async () => {
    console.log(formatFaultTable(rows));
    try {
      await system.stop();
    } finally {
      await cluster.down();
    }
  }, 180_000);
  return rows;
}

/** `CLUSTER_TRIALS` trials of the same fault, one after the other. */
export async function clusterTrials(
  system: TestSystem,
  apiUrls: readonly string[],
  run: TrialRun,
  inject: () => Promise<Injected>,
): Promise<TrialResult[]> {
  const results: TrialResult[] = [];
  for (let trial = 0; trial < CLUSTER_TRIALS; trial++) results.push(await runTrial(system, apiUrls, run, inject));
  return results;
}
