import type { Run } from '@app/contracts';
import { waitFor, type TestSystem } from '@app/testing';

/** The run as `GET /api/runs/:id` shows it. */
export async function getRun(system: TestSystem, runId: string): Promise<Run> {
  const answer = await system.api<Run>('GET', `/runs/${runId}`);
  if (answer.status !== 200) throw new Error(`GET /runs/${runId} answered ${answer.status}`);
  return answer.body;
}

/** Waits for the run to complete and gives it as it then is. */
export async function completedRun(system: TestSystem, runId: string, timeoutMs: number): Promise<Run> {
  await waitFor(async () => (await getRun(system, runId)).status === 'completed', timeoutMs, `run ${runId} to complete`);
  return getRun(system, runId);
}
