import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { METRIC_NAMES, type WorkerStatus } from '@app/contracts';
import { newRun, type RunState } from '@app/domain';
import { schedulerFakes } from '../testing/fakes';
import { WorkerDemand } from './worker-demand';

const run = (id: string, ratePerMinute: number, changes: Partial<RunState> = {}): RunState => ({
  ...newRun({ id, total: 1_000_000, ratePerMinute, processor: 'square' }, 0),
  ...changes,
});

const worker = (id: string, rate: number): WorkerStatus => ({
  id,
  host: 'host',
  pid: 1,
  startedAt: '2026-12-01T00:00:00.000Z',
  lastSeenAt: '2026-12-01T00:00:00.000Z',
  processed: 0,
  rate,
  storageAvailable: true,
  limits: { httpInFlight: 64, hashThreads: 2 },
});

describe('WorkerDemand', () => {
  let fakes: ReturnType<typeof schedulerFakes>;
  let demand: WorkerDemand;
  let registry: Registry;

  const gauge = async (name: string): Promise<number | undefined> => (await registry.getSingleMetric(name)?.get())?.values[0]?.value;

  beforeEach(async () => {
    fakes = schedulerFakes({ AUTOSCALE_WORKER_RATE_PER_MINUTE: '3000', AUTOSCALE_BACKLOG_SECONDS: '60' });
    const module = await Test.createTestingModule({ providers: [WorkerDemand, ...fakes.providers] }).compile();
    demand = module.get(WorkerDemand);
    registry = module.get(Registry);
  });

  it("exports the workers the runs' rates need at the assumed rate of one worker", async () => {
    fakes.workers.workers = [worker('worker-1', 2_000)];
    expect(await demand.update([run('a', 6_000), run('b', 600)], 0)).toBe(3);
    expect(await gauge(METRIC_NAMES.workersNeeded)).toBe(3);
    expect(await gauge(METRIC_NAMES.workerRateEstimate)).toBe(3_000);
  });

  it('follows a rate change and falls to 0 when the runs are done', async () => {
    expect(await demand.update([run('a', 6_000)], 0)).toBe(2);
    expect(await demand.update([run('a', 30_000)], 1_000)).toBe(10);
    expect(await demand.update([run('a', 30_000, { status: 'completed', published: 1_000_000, processed: 1_000_000 })], 2_000)).toBe(0);
    expect(await gauge(METRIC_NAMES.workersNeeded)).toBe(0);
  });

  it('measures what a worker sustains while the workers are behind, and uses that', async () => {
    // Two workers at 12,000 a minute each with 10,000 queued (25 s of their work): behind, so that is their rate.
    fakes.workers.workers = [worker('worker-1', 12_000), worker('worker-2', 12_000)];
    const behind = run('a', 60_000, { published: 20_000, processed: 10_000 });
    // 60,000 a minute + 10,000 queued over 60 s = 70,000 a minute, at 12,000 a worker: 6.
    expect(await demand.update([behind], 0)).toBe(6);
    expect(await gauge(METRIC_NAMES.workerRateEstimate)).toBe(12_000);
  });

  it('shows 0 on a standby', async () => {
    await demand.update([run('a', 6_000)], 0);
    demand.standBy();
    expect(await gauge(METRIC_NAMES.workersNeeded)).toBe(0);
  });
});
