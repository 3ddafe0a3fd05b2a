import { METRIC_NAMES, type Run } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';

// Ports: api 4020, scheduler 4021, worker 4022.
const system = new TestSystem({ workers: 1, basePort: 4020 });

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

/** The value of one series (`name{labels}`) on a service's `/metrics`, or null when it is absent. */
async function metric(port: number, series: string): Promise<number | null> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describe('metrics an operator reads', () => {
  it('move during a run: the run target and achieved rates, the queues, the leader, the store and count latencies, the api routes', async () => {
    const { body: run } = await system.api<Run>('POST', '/runs', { total: 2_000, ratePerMinute: 12_000 });
    const byRun = `{run="${run.id}"}`;
    await waitFor(async () => ((await metric(4021, `${METRIC_NAMES.runAchievedRate}${byRun}`)) ?? 0) > 0, 15_000, 'an achieved rate');
    expect(await metric(4021, `${METRIC_NAMES.runTargetRate}${byRun}`)).toBe(12_000);
    expect(await metric(4021, METRIC_NAMES.schedulerLeader)).toBe(1);
    expect(await metric(4021, `${METRIC_NAMES.queueConsumers}{queue="${system.names.jobsQueue}"}`)).toBe(1);

    await waitFor(async () => (await system.api<Run>('GET', `/runs/${run.id}`)).body.status === 'completed', 30_000, 'the run to complete');
    expect(await metric(4022, METRIC_NAMES.workerJobsProcessed)).toBe(2_000);
    expect(await metric(4022, `${METRIC_NAMES.workerBulkStoreSeconds}_count`)).toBeGreaterThan(0);
    expect(await metric(4022, `${METRIC_NAMES.workerCountScriptSeconds}_count`)).toBeGreaterThan(0);
    const getRun = `${METRIC_NAMES.apiHttpRequestSeconds}_count{method="GET",route="/api/runs/:id",status="200"}`;
    expect(await metric(4020, getRun)).toBeGreaterThanOrEqual(1);
    expect(await metric(4020, METRIC_NAMES.apiLiveClients)).toBe(0);
    // A finished run's series go with the next sample.
    await waitFor(async () => (await metric(4021, `${METRIC_NAMES.runTargetRate}${byRun}`)) === null, 5_000, 'the run series to go');
  });
});
