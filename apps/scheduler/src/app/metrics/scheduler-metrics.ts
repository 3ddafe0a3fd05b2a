import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { METRIC_NAMES, type RunSample } from '@app/contracts';
import { canEditRun } from '@app/domain';
import { AmqpConnection } from '@app/infra';

/** The scheduler's metrics on `/metrics`: publishing, leadership, the active runs' rates, and the queues. */
@Injectable()
export class SchedulerMetrics {
  readonly published: Counter;
  private readonly leader: Gauge;
  private readonly targetRate: Gauge<'run'>;
  private readonly achievedRate: Gauge<'run'>;
  private readonly queued: Gauge<'run'>;
  private readonly workersNeeded: Gauge;
  private readonly workerRateEstimate: Gauge;

  constructor(registry: Registry, amqp: AmqpConnection) {
    const registers = [registry];
    this.published = new Counter({
      name: METRIC_NAMES.schedulerJobsPublished,
      help: 'Jobs published and confirmed by RabbitMQ',
      registers,
    });
    this.leader = new Gauge({ name: METRIC_NAMES.schedulerLeader, help: '1 while this instance holds the leader lease', registers });
    const perRun = (name: string, help: string) => new Gauge({ name, help, labelNames: ['run'], registers });
    this.targetRate = perRun(METRIC_NAMES.runTargetRate, 'Target rate of each active run (records per minute), from the leader');
    this.achievedRate = perRun(METRIC_NAMES.runAchievedRate, 'Achieved rate of each active run over the last 10 s, from the leader');
    this.queued = perRun(METRIC_NAMES.runQueued, 'Jobs published and not yet processed or failed, per active run, from the leader');
    this.workersNeeded = new Gauge({
      name: METRIC_NAMES.workersNeeded,
      help: 'Workers the active runs need: target rates plus queues worked off in time, over one worker rate; 0 on a standby',
      registers,
    });
    this.workerRateEstimate = new Gauge({
      name: METRIC_NAMES.workerRateEstimate,
      help: 'Records a minute one worker is taken to sustain in scheduler_workers_needed (measured while the workers are behind)',
      registers,
    });
    const queues = [amqp.names.jobsQueue, amqp.names.deadLetterQueue];
    const queueGauge = (name: string, help: string, pick: (stats: { messages: number; consumers: number }) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'],
        registers,
        // Read from the broker when scraped; a broker that does not answer leaves the series out of that scrape.
        async collect() {
          this.reset();
          const stats = await amqp.queueStats(queues).catch(() => []);
          for (const queue of stats) this.set({ queue: queue.name }, pick(queue));
        },
      });
    queueGauge(METRIC_NAMES.queueMessages, 'Ready messages of each queue', (stats) => stats.messages);
    queueGauge(METRIC_NAMES.queueConsumers, 'Consumers of each queue', (stats) => stats.consumers);
  }

  setLeading(leading: boolean): void {
    this.leader.set(leading ? 1 : 0);
  }

  /** What the runs need of the workers, as the leader reckons it (a standby shows 0 workers needed). */
  showWorkerDemand(workersNeeded: number, workerRatePerMinute: number): void {
    this.workersNeeded.set(workersNeeded);
    this.workerRateEstimate.set(workerRatePerMinute);
  }

  /** The runs sampled this second, replacing the last second's (a finished run's series disappear). */
  showRuns(samples: readonly RunSample[]): void {
    for (const gauge of [this.targetRate, this.achievedRate, this.queued]) gauge.reset();
    for (const sample of samples) {
      if (!canEditRun(sample.status)) continue;
      this.targetRate.set({ run: sample.runId }, sample.targetRatePerMinute);
      this.achievedRate.set({ run: sample.runId }, sample.achievedRatePerMinute);
      this.queued.set({ run: sample.runId }, sample.queued);
    }
  }
}
