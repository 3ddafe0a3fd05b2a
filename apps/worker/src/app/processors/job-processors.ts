import { Injectable } from '@nestjs/common';
import { HASH_ROUNDS_DEFAULT, type JobInput, type JobMessage } from '@app/contracts';
import { isComputedProcessor, runProcessor } from '@app/domain';
import { HashPool } from './hash/hash-pool';
import { HttpProcessor } from './http/http-processor';
import { failed, type ProcessorOutcome } from './processor-outcome';
import { RunSettings } from './run-settings';

/**
 * Runs each job of a batch through its processor: `square`, `flaky` and `poison` right here; `hash` on the thread
 * pool, one call per run's jobs; `http` through the delivery client, one run's jobs at a time. Outcomes come back in
 * the jobs' order. A processor's failure is an outcome; only an infrastructure failure (the pool, Redis) throws.
 */
@Injectable()
export class JobProcessors {
  constructor(
    private readonly settings: RunSettings,
    private readonly http: HttpProcessor,
    private readonly hash: HashPool,
  ) {}

  async compute(jobs: readonly JobMessage[]): Promise<ProcessorOutcome[]> {
    const outcomes = new Array<ProcessorOutcome>(jobs.length);
    const byRun = new Map<string, number[]>();
    jobs.forEach((job, i) => {
      if (isComputedProcessor(job.processor)) outcomes[i] = computed(job);
      else byRun.set(`${job.processor} ${job.runId}`, [...(byRun.get(`${job.processor} ${job.runId}`) ?? []), i]);
    });
    for (const indices of byRun.values()) {
      const group = indices.map((i) => jobs[i]);
      const results = await this.computeForRun(group);
      indices.forEach((jobIndex, k) => (outcomes[jobIndex] = results[k]));
    }
    return outcomes;
  }

  /** Jobs of one run and one of the processors that need the run's settings. */
  private async computeForRun(jobs: readonly JobMessage[]): Promise<ProcessorOutcome[]> {
    const { runId, processor } = jobs[0];
    const settings = await this.settings.of(runId);
    // Unknown for now (its state being rebuilt) or for good: retried, and dead-lettered as a run nobody knows.
    if (settings === null) return jobs.map(() => failed(`run ${runId} is unknown`, true));
    if (processor === 'http') return this.http.deliver(runId, jobs, settings);
    const digests = await this.hash.digest(
      jobs.map(({ input }) => hashedText(input)),
      settings.rounds ?? HASH_ROUNDS_DEFAULT,
    );
    return digests.map((output) => ({ ok: true, output }));
  }
}

function computed(job: JobMessage): ProcessorOutcome {
  if (!isComputedProcessor(job.processor)) throw new Error(`${job.processor} is not computed in place`);
  try {
    return { ok: true, output: runProcessor(job.processor, job.input, job.attempt) };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error), true);
  }
}

/** What `hash` hashes: a generated record's number in decimal, a dataset's record as its JSON. */
const hashedText = (input: JobInput): string => (typeof input === 'number' ? String(input) : JSON.stringify(input));
