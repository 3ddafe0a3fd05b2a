import { METRIC_NAMES, type Run } from '@app/contracts';
import { TestSystem, waitFor } from '@app/testing';

/**
 * The autoscaling signal on the local stack: `scheduler_workers_needed` follows the runs as they start, change rate and
 * finish. One worker is taken to sustain 1,000 records a minute (the worker does far more, so it is never behind and
 * the assumed rate stays); the queue is worked off within 60 s. Ports: api 4060, scheduler 4061, worker 4062.
 */
const system = new TestSystem({
  workers: 1,
  basePort: 4060,
  env: { AUTOSCALE_WORKER_RATE_PER_MINUTE: '1000', AUTOSCALE_BACKLOG_SECONDS: '60' },
});
const SCHEDULER_PORT = 4061;

beforeAll(() => system.start(), 120_000);
afterAll(() => system.stop(), 60_000);

async function workersNeeded(): Promise<number | null> {
  const text = await (await fetch(`http://127.0.0.1:${SCHEDULER_PORT}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${METRIC_NAMES.workersNeeded} `));
  return line === undefined ? null : Number(line.slice(METRIC_NAMES.workersNeeded.length + 1));
}

/** Waits until the signal reads `expected`, saying what it read last when it does not. */
async function signalReaches(expected: number, when: string): Promise<void> {
  let last: number | null = null;
  await waitFor(
    async () => {
      last = await workersNeeded();
      return last === expected;
    },
    15_000,
    `${METRIC_NAMES.workersNeeded} to be ${expected} ${when} (last read: ${last})`,
  );
}

describe('the autoscaling signal', () => {
  it('moves as runs start, change rate and finish', async () => {
    await signalReaches(0, 'with no run');

    const { body: first } = await system.api<Run>('POST', '/runs', { total: 100_000, ratePerMinute: 3_000 });
    await signalReaches(3, 'for a run at 3,000/min');

    const { body: second } = await system.api<Run>('POST', '/runs', { total: 100_000, ratePerMinute: 1_500 });
    await signalReaches(5, 'with a second run at 1,500/min');

    expect((await system.api('PATCH', `/runs/${first.id}`, { ratePerMinute: 6_000 })).status).toBe(200);
    await signalReaches(8, 'once the first run goes at 6,000/min');

    expect((await system.api('POST', `/runs/${second.id}/pause`)).status).toBe(200);
    await signalReaches(6, 'with the second run paused');

    // A short run that finishes: it adds while it runs, and nothing once it has completed.
    const { body: short } = await system.api<Run>('POST', '/runs', { total: 200, ratePerMinute: 12_000 });
    await waitFor(
      async () => (await system.api<Run>('GET', `/runs/${short.id}`)).body.status === 'completed',
      30_000,
      'the short run to complete',
    );
    await signalReaches(6, 'after the short run completed');

    expect((await system.api('POST', `/runs/${first.id}/stop`)).status).toBe(200);
    expect((await system.api('POST', `/runs/${second.id}/stop`)).status).toBe(200);
    await signalReaches(0, 'once every run is stopped');
  });
});
