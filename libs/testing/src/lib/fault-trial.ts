import { RUN_HASH_FIELDS, redisKeys, type CreatedRun, type ProcessorName, type Run, type RunAudit } from '@app/contracts';
import type { ReceivingEndpoint, RunDeliveries } from './receiving-endpoint';
import { waitFor, type TestSystem } from './test-system';

/**
 * What ends a fault (a service started again), and what puts the system back as it was once the run is done
 * (a crashed process the run did without, because another instance took over, started again).
 */
export interface Injected {
  heal: () => Promise<void>;
  restore?: () => Promise<void>;
}

export interface TrialRun {
  total: number;
  ratePerMinute: number;
  processor: ProcessorName;
  /** For `http`: the dataset delivered, and the endpoint it goes to, which dedupes by idempotency key. */
  delivery?: { datasetId: string; endpoint: ReceivingEndpoint };
}

export interface TrialResult {
  /** Seqs with neither a result nor a dead letter, and results or dead letters left uncounted. */
  lost: number;
  /** Seqs counted more than once: counters above what is stored, and seqs both stored and dead-lettered. */
  doubleCounted: number;
  /**
   * From the end of the fault (the service back, the replacement started; the fault itself when another
   * instance takes over) until the run moved again.
   */
  secondsToRecover: number;
  /** Every invariant of the run that was checked, and whether it held. */
  checks: Record<string, boolean>;
  /** For `http`: deliveries of a record the endpoint had already accepted, which it took once (idempotency keys at work). */
  repeatedDeliveries?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the run from whichever api instance answers (one may be the fault). */
export async function readRun(system: TestSystem, apiUrls: readonly string[], runId: string): Promise<Run | null> {
  for (const url of apiUrls) {
    try {
      const response = await fetch(`${url}/api/runs/${runId}`, { headers: system.authorization(), signal: AbortSignal.timeout(2_000) });
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
  inject: () => Promise<Injected>,
): Promise<TrialResult> {
  const { delivery, ...run } = spec;
  const created = await system.api<CreatedRun>(
    'POST',
    '/runs',
    delivery ? { ...run, datasetId: delivery.datasetId, target: { url: delivery.endpoint.url } } : run,
  );
  if (created.status !== 201) throw new Error(`run not created: ${JSON.stringify(created.body)}`);
  const runId = created.body.id;
  if (delivery) delivery.endpoint.trust(runId, created.body.secret ?? '');
  const settled = async () => {
    const run = await readRun(system, apiUrls, runId);
    return run ? run.processed + run.failed : 0;
  };
  await waitFor(async () => (await settled()) >= spec.total / 5, 60_000, `run ${runId} to get a fifth done`);

  const { heal, restore } = await inject();
  await heal();
  const healedAt = Date.now();
  // Its counters in Redis, as the api may be the fault.
  const movedAt = await watchRecovery(() => countersInRedis(system, runId), spec.total);
  const secondsToRecover = (movedAt - healedAt) / 1000;

  await waitFor(async () => (await readRun(system, apiUrls, runId))?.status === 'completed', 240_000, `run ${runId} to complete`);
  await restore?.();
  return { ...(await verify(system, runId, spec.total, delivery?.endpoint.deliveries(runId))), secondsToRecover };
}

/** The run's published and settled (processed + failed) counts, read from Redis. */
async function countersInRedis(system: TestSystem, runId: string): Promise<[number, number]> {
  const read = system.redis.hmget(
    redisKeys(system.namespace).run(runId),
    RUN_HASH_FIELDS.published,
    RUN_HASH_FIELDS.processed,
    RUN_HASH_FIELDS.failed,
  );
  const timeout = sleep(1_000).then(() => Promise.reject(new Error('Redis did not answer')));
  const [published, processed, failed] = await Promise.race([read, timeout]);
  // Gone with Redis's data until the state is rebuilt: nothing to measure from yet.
  if (published === null) throw new Error(`run ${runId} is not in Redis`);
  return [Number(published), Number(processed) + Number(failed)];
}

/**
 * When the run moved again: jobs settled and, while some are still to be published, jobs published (a
 * scheduler fault stops only the latter, a worker fault only the former).
 */
async function watchRecovery(counters: () => Promise<[number, number]>, total: number): Promise<number> {
  let from: [number, number] | null = null;
  while (!from) from = await counters().catch(() => sleep(100).then(() => null));
  const [publishedFrom, settledFrom] = from;
  for (;;) {
    const [published, settled] = await counters().catch(() => [publishedFrom, settledFrom]);
    const publishing = published > publishedFrom || published >= total;
    if ((settled > settledFrom && publishing) || settled >= total) return Date.now();
    await sleep(100);
  }
}

/**
 * Checks invariants 1 and 2 against what is stored and the audit, and for an `http` run against what the endpoint took
 * (`deliveries`): every record accepted once by its idempotency key, each signature verified, and `processed` exactly
 * what was accepted. A record may have come twice after a fault: that is reported, not held against the run.
 */
async function verify(
  system: TestSystem,
  runId: string,
  total: number,
  deliveries?: RunDeliveries,
): Promise<Omit<TrialResult, 'secondsToRecover'>> {
  const run = (await system.api<Run>('GET', `/runs/${runId}`)).body;
  await system.es.indices.refresh({ index: [system.indices.jobs, system.indices.failures] });
  const byRun = { term: { runId } };
  const stored = (await system.es.count({ index: system.indices.jobs, query: byRun })).count;
  const deadLetters = (await system.es.count({ index: system.indices.failures, query: byRun })).count;
  const audit = (await system.api<RunAudit>('GET', `/runs/${runId}/audit`)).body;
  const accepted = deliveries ? Array.from({ length: total }, (_, i) => i + 1).filter((seq) => deliveries.accepted.has(seq)).length : total;
  const lost =
    audit.missingCount +
    Math.max(0, total - run.published) +
    Math.max(0, stored - run.processed) +
    Math.max(0, deadLetters - run.failed) +
    (total - accepted);
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
      ...(deliveries && {
        'endpoint accepted every record': accepted === total && deliveries.accepted.size === total,
        'endpoint verified every signature': deliveries.rejected.length === 0,
        'processed == accepted by the endpoint': run.processed === deliveries.accepted.size,
      }),
    },
    ...(deliveries && { repeatedDeliveries: deliveries.repeated }),
  };
}

/** One fault's line of the table a fault suite prints: its trials summed up. */
export interface FaultRow {
  fault: string;
  trials: number;
  lost: number;
  doubleCounted: number;
  secondsToRecover: number[];
  failedChecks: string[];
  /** For `http` runs, each trial's deliveries of a record already accepted, which the endpoint took once. */
  repeatedDeliveries?: number[];
  skipped?: string;
}

export function faultRow(fault: string, results: readonly TrialResult[]): FaultRow {
  const failedChecks = results.flatMap((result) =>
    Object.entries(result.checks)
      .filter(([, held]) => !held)
      .map(([check]) => check),
  );
  const repeated = results.map((result) => result.repeatedDeliveries);
  return {
    fault,
    trials: results.length,
    lost: sum(results.map((result) => result.lost)),
    doubleCounted: sum(results.map((result) => result.doubleCounted)),
    secondsToRecover: results.map((result) => result.secondsToRecover),
    failedChecks: [...new Set(failedChecks)],
    ...(repeated.some((count) => count !== undefined) && { repeatedDeliveries: repeated.map((count) => count ?? 0) }),
  };
}

/** The Markdown table of a fault suite's rows, as docs/reliability.md keeps it. */
export function formatFaultTable(rows: readonly FaultRow[]): string {
  const lines = ['| fault | trials | lost | double-counted | seconds to recover, each trial | invariants |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    if (row.skipped) {
      lines.push(`| ${row.fault} | 0 | - | - | - | skipped: ${row.skipped} |`);
      continue;
    }
    const recover = row.secondsToRecover.map((seconds) => seconds.toFixed(1)).join(', ');
    const held = row.failedChecks.length === 0 ? 'all held' : `broken: ${row.failedChecks.join(', ')}`;
    const repeated = row.repeatedDeliveries ? `; deliveries repeated (taken once): ${row.repeatedDeliveries.join(', ')}` : '';
    lines.push(`| ${row.fault} | ${row.trials} | ${row.lost} | ${row.doubleCounted} | ${recover} | ${held}${repeated} |`);
  }
  return lines.join('\n');
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
