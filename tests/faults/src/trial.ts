import { redisKeys, type ProcessorName, type Run, type RunAudit } from '@app/contracts';
import { waitFor, type TestSystem } from '@app/testing';

export interface TrialRun {
  total: number;
  ratePerMinute: number;
  processor: ProcessorName;
}

export interface TrialResult {
  /** Seqs with neither a result nor a dead letter, and results or dead letters left uncounted. */
  lost: number;
  /** Seqs counted more than once: counters above what is stored, and seqs both stored and dead-lettered. */
  doubleCounted: number;
  /** From the end of the fault (the service back, the replacement started) until the run moved again. */
  secondsToRecover: number;
  /** Every invariant of the run that was checked, and whether it held. */
  checks: Record<string, boolean>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the run from whichever api instance answers (one may be the fault). */
export async function readRun(apiUrls: readonly string[], runId: string): Promise<Run | null> {
  for (const url of apiUrls) {
    try {
      const response = await fetch(`${url}/api/runs/${runId}`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return (await response.json()) as Run;
    } catch {
      // this instance is down: try the next
    }
  }
  return null;
}

/**
 * One trial: starts a run, breaks something once a fifth of it is processed, heals it, waits for the run
 * to complete and checks invariants 1, 2 and 5 of SPEC.md against Elasticsearch and the audit.
 */
export async function runTrial(
  system: TestSystem,
  apiUrls: readonly string[],
  spec: TrialRun,
  inject: () => Promise<() => Promise<void>>,
): Promise<TrialResult> {
  const created = await system.api<Run>('POST', '/runs', spec);
  if (created.status !== 201) throw new Error(`run not created: ${JSON.stringify(created.body)}`);
  const runId = created.body.id;
  const settled = async () => {
    const run = await readRun(apiUrls, runId);
    return run ? run.processed + run.failed : 0;
  };
  await waitFor(async () => (await settled()) >= spec.total / 5, 60_000, `run ${runId} to get a fifth done`);

  const heal = await inject();
  const healedAt = Date.now();
  // The run moves again while (or once) the fault heals: watch its counters in Redis (the api may be the
  // fault) from the moment healing starts.
  const counted = () => countedInRedis(system, runId);
  const recovery = watchRecovery(counted, await counted().catch(() => 0), spec.total);
  await heal();
  const secondsToRecover = ((await recovery) - healedAt) / 1000;

  await waitFor(async () => (await readRun(apiUrls, runId))?.status === 'completed', 240_000, `run ${runId} to complete`);
  return { ...(await verify(system, runId, spec.total)), secondsToRecover };
}

async function countedInRedis(system: TestSystem, runId: string): Promise<number> {
  const read = system.redis.hmget(redisKeys(system.namespace).run(runId), 'processed', 'failed');
  const timeout = sleep(1_000).then(() => Promise.reject(new Error('Redis did not answer')));
  const [processed, failed] = await Promise.race([read, timeout]);
  return Number(processed ?? 0) + Number(failed ?? 0);
}

async function watchRecovery(settled: () => Promise<number>, from: number, total: number): Promise<number> {
  for (;;) {
    const now = await settled().catch(() => from);
    if (now > from || now >= total) return Date.now();
    await sleep(100);
  }
}

async function verify(system: TestSystem, runId: string, total: number): Promise<Omit<TrialResult, 'secondsToRecover'>> {
  const run = (await system.api<Run>('GET', `/runs/${runId}`)).body;
  await system.es.indices.refresh({ index: [system.indices.jobs, system.indices.failures] });
  const byRun = { term: { runId } };
  const stored = (await system.es.count({ index: system.indices.jobs, query: byRun })).count;
  const deadLetters = (await system.es.count({ index: system.indices.failures, query: byRun })).count;
  const audit = (await system.api<RunAudit>('GET', `/runs/${runId}/audit`)).body;
  const lost =
    audit.missingCount + Math.max(0, total - run.published) + Math.max(0, stored - run.processed) + Math.max(0, deadLetters - run.failed);
  const doubleCounted = audit.duplicateCount + Math.max(0, run.processed - stored) + Math.max(0, run.failed - deadLetters);
  return {
    lost,
    doubleCounted,
    checks: {
      'run completed': run.status === 'completed',
      'documents == processed': stored === run.processed,
      'dead letters == failed': deadLetters === run.failed,
      'processed + failed == total': run.processed + run.failed === total,
      'audit clean': audit.clean,
    },
  };
}
