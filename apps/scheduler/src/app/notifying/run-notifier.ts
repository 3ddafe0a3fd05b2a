import { Inject, Injectable, Logger } from '@nestjs/common';
import { notificationId, type RunNotification } from '@app/contracts';
import {
  afterNotificationAttempt,
  allowedDestination,
  notificationDue,
  refusedNotification,
  toRunJson,
  type NotificationStep,
  type RunState,
} from '@app/domain';
import { HttpDelivery, NotificationClaims, RunStore, runLog } from '@app/infra';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../scheduler.config';

/** How long a claim outlasts its attempt's timeout: the time to read the run before and to record the outcome after. */
export const CLAIM_MARGIN_MS = 5_000;
/** Compare-and-set attempts before giving up on recording an outcome on a run that keeps changing under us. */
const SAVE_ATTEMPTS = 10;

/**
 * Sends one run's completion callback: its final JSON, POSTed to `notify.url`, signed with the run's secret (Standard
 * Webhooks, `webhook-id` and `Idempotency-Key` both `notificationId(runId)`), then the outcome recorded on the run.
 * Only under the run's claim, so no two schedulers send at once, and only while the callback is still pending when
 * read under it. A crash after the POST and before its record sends it again; the receiver drops it by its id.
 */
@Injectable()
export class RunNotifier {
  private readonly logger = new Logger(RunNotifier.name);

  constructor(
    private readonly runs: RunStore,
    private readonly claims: NotificationClaims,
    private readonly http: HttpDelivery,
    @Inject(SCHEDULER_CONFIG) private readonly config: Pick<SchedulerConfig, 'instanceId' | 'notify' | 'httpTargetAllowlist'>,
  ) {}

  /** Makes one attempt at the run's callback, if it is due and no other attempt or backoff holds it. */
  async notify(runId: string): Promise<void> {
    const { instanceId, notify: policy } = this.config;
    if (!(await this.claims.claim(runId, instanceId, policy.timeoutMs + CLAIM_MARGIN_MS))) return;
    // Read under the claim: whoever held it before may have recorded the callback delivered since the run was found due.
    const run = await this.runs.get(runId);
    if (run === null || !notificationDue(run)) return;
    const step = await this.attempt(run, run.notify);
    await this.record(run, step.notification);
    if (step.retryInMs !== null) await this.claims.holdFor(runId, instanceId, step.retryInMs);
    this.logStep(runId, step);
  }

  private async attempt(run: RunState, notification: RunNotification): Promise<NotificationStep> {
    // Checked again here, as the http processor does: a list narrowed since the run was created applies to it.
    const allowed = allowedDestination(notification.url, this.config.httpTargetAllowlist, 'notify.url');
    if (!allowed.ok) return refusedNotification(notification, allowed.reason);
    if (run.secret === null) return refusedNotification(notification, 'the run has no signing secret to sign its callback with');
    const now = Date.now();
    // No workers: an ended run waits for none, so they would not change its JSON (`stalledReason` is null).
    const body = JSON.stringify(toRunJson(run, await this.runs.achievedRatePerMinute(run, now), []));
    const id = notificationId(run.id);
    const attempt = await this.http.deliver({
      url: notification.url,
      method: 'POST',
      body,
      timeoutMs: this.config.notify.timeoutMs,
      idempotencyKey: id,
      webhookId: id,
      secret: run.secret,
    });
    return afterNotificationAttempt(notification, attempt, this.config.notify, Date.now());
  }

  /**
   * Saves the notification on the run with compare-and-set (the save publishes the change, and so the archivers write
   * it to the `runs` index), re-reading when a count or a replay moved the run since it was read.
   */
  private async record(read: RunState, notification: RunNotification): Promise<void> {
    let run = read;
    for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
      const now = Date.now();
      if ((await this.runs.save({ ...run, notify: notification, updatedAt: now }, now)) === 'saved') return;
      const fresh = await this.runs.get(run.id);
      // Our claim lapsed and another scheduler recorded an attempt meanwhile: its record stands.
      if (fresh?.notify?.status !== 'pending' || fresh.notify.attempts !== read.notify?.attempts) return;
      run = fresh;
    }
    throw new Error(`run ${read.id} kept changing while its notification was recorded`);
  }

  private logStep(runId: string, { notification, retryInMs }: NotificationStep): void {
    const { url, status, attempts, lastError } = notification;
    if (status === 'delivered') return this.logger.log(runLog(runId, `notified ${url} (attempt ${attempts})`));
    const next = retryInMs === null ? 'giving up' : `attempt ${attempts + 1} in ${retryInMs} ms`;
    this.logger.warn(runLog(runId, `notifying ${url} failed: ${lastError}; ${next}`));
  }
}
