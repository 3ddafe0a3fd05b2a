import { Inject, Injectable, Logger } from '@nestjs/common';
import { jobId, type HttpTarget, type JobMessage } from '@app/contracts';
import { allowedDestination, attemptVerdict, failedAttemptReason, mapConcurrently, type DeliveryAttempt } from '@app/domain';
import { DestinationPushback, HttpDelivery, runLog } from '@app/infra';
import { WORKER_CONFIG, type WorkerConfig } from '../../worker.config';
import { failed, type ProcessorOutcome } from '../processor-outcome';
import type { ProcessorSettings } from '../run-settings';

/**
 * The `http` processor: each record as the JSON body of a request to the run's target, signed with the run's secret
 * (Standard Webhooks) and carrying `Idempotency-Key: runId:seq`, at most the run's concurrency (and the worker's
 * `HTTP_MAX_IN_FLIGHT`) at a time. A 2xx is processed; 408, 425, 429, 5xx, a timeout or a connection error may be
 * retried; any other answer will not get better. An endpoint that asks for less (429, 503, timeouts) holds its run
 * back for as long as it asked, so that the scheduler slows down instead of piling up retries.
 */
@Injectable()
export class HttpProcessor {
  private readonly logger = new Logger(HttpProcessor.name);

  constructor(
    private readonly http: HttpDelivery,
    private readonly pushback: DestinationPushback,
    @Inject(WORKER_CONFIG)
    private readonly config: Pick<WorkerConfig, 'httpMaxInFlight' | 'httpTargetAllowlist' | 'retryBaseDelayMs'>,
  ) {}

  async deliver(runId: string, jobs: readonly JobMessage[], { target, secret }: ProcessorSettings): Promise<ProcessorOutcome[]> {
    if (target === null || secret === null) return jobs.map(() => failed(`run ${runId} has no http target`, false));
    const allowed = allowedDestination(target.url, this.config.httpTargetAllowlist);
    if (!allowed.ok) return jobs.map(() => failed(`${allowed.reason} (it was narrowed after the run was created)`, false));
    const attempts = await mapConcurrently(jobs, Math.min(target.concurrency, this.config.httpMaxInFlight), (job) =>
      this.attempt(job, target, secret),
    );
    await this.holdBackIfAsked(runId, attempts, target);
    return attempts.map((attempt) => outcomeOf(attempt, target));
  }

  private attempt(job: JobMessage, target: HttpTarget, secret: string): Promise<DeliveryAttempt> {
    const id = jobId(job.runId, job.seq);
    return this.http.deliver({
      url: target.url,
      method: target.method,
      headers: target.headers,
      body: JSON.stringify(job.input),
      timeoutMs: target.timeoutMs,
      idempotencyKey: id,
      webhookId: id,
      secret,
    });
  }

  /** The longest hold any of these attempts asked for: a 429 or 503 for its `Retry-After` (or the backoff), a timeout for the backoff. */
  private async holdBackIfAsked(runId: string, attempts: readonly DeliveryAttempt[], target: HttpTarget): Promise<void> {
    let hold: { ms: number; reason: string } | null = null;
    for (const attempt of attempts) {
      const asked = askedForLess(attempt, target, this.config.retryBaseDelayMs);
      if (asked !== null && (hold === null || asked.ms > hold.ms)) hold = asked;
    }
    if (hold === null) return;
    await this.pushback.hold(runId, hold.reason, hold.ms);
    this.logger.warn(runLog(runId, `${hold.reason}: holding the run back for ${Math.round(hold.ms)} ms`));
  }
}

function askedForLess(attempt: DeliveryAttempt, target: HttpTarget, backoffMs: number): { ms: number; reason: string } | null {
  if (attempt.kind === 'error') {
    return attempt.timedOut ? { ms: backoffMs, reason: `the endpoint did not answer within ${target.timeoutMs} ms` } : null;
  }
  if (attempt.status !== 429 && attempt.status !== 503) return null;
  const asked = attempt.retryAfterMs === null ? '' : ` (Retry-After ${Math.round(attempt.retryAfterMs / 1_000)} s)`;
  return { ms: attempt.retryAfterMs ?? backoffMs, reason: `the endpoint answered ${attempt.status}${asked}` };
}

function outcomeOf(attempt: DeliveryAttempt, target: HttpTarget): ProcessorOutcome {
  const verdict = attemptVerdict(attempt);
  if (attempt.kind === 'response' && verdict === 'processed') {
    return {
      ok: true,
      output: null,
      delivery: { status: attempt.status, latencyMs: Math.round(attempt.latencyMs), response: attempt.body },
    };
  }
  const outcome = failed(
    failedAttemptReason(attempt, target.timeoutMs),
    verdict === 'retry',
    attempt.kind === 'response' ? attempt.retryAfterMs : null,
  );
  // A dead letter keeps the endpoint's last answer, so that deliveries count it by status class.
  return attempt.kind === 'response'
    ? { ...outcome, delivery: { status: attempt.status, latencyMs: Math.round(attempt.latencyMs) } }
    : outcome;
}
