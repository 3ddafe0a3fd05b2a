import type { EngineNode, SystemStatus } from '@app/contracts';
import { faultRow, SentinelRedis, TestSystem, waitFor, type TrialRun } from '@app/testing';
import { CLUSTER_TRIALS, clusterTrials, onCluster } from './cluster-suite';

/**
 * Redis with Sentinel (three servers, three Sentinels: infra/redis-sentinel.sh on ports of the suite's own): a run in
 * progress when the master is killed with kill -9. The Sentinels promote a replica; the promoted replica's state
 * is rebuilt from Elasticsearch (its replication id is not the marker's) and the run goes on. Ports: the apps from
 * 4700, Redis 6421-6423, Sentinels 26421-26423.
 */
const redis = new SentinelRedis([6421, 6422, 6423]);
const system = new TestSystem({
  apis: 2,
  schedulers: 2,
  workers: 2,
  basePort: 4700,
  redisSentinels: { sentinels: redis.sentinels, masterName: redis.masterName },
  label: 'cluster',
  env: { JOB_RETRY_BASE_DELAY_MS: '200', JOB_MAX_ATTEMPTS: '3' },
});
const apiUrls = [system.apiUrl, 'http://127.0.0.1:4701'];
const RUN: TrialRun = { total: 3_000, ratePerMinute: 18_000, processor: 'square' };
const rows = onCluster(redis, system, 180_000);

describe('kill -9 of the Redis master', () => {
  it(`loses nothing and counts nothing twice over ${CLUSTER_TRIALS} trial(s)`, async () => {
    const results = await clusterTrials(system, apiUrls, RUN, async () => {
      const master = await redis.masterPort();
      await redis.kill(master);
      return {
        // The Sentinels' failover is the takeover: the time to recover counts from the kill.
        heal: async () => undefined,
        // Once the run is done, the old master comes back as a replica of the new one (`up` waits for that).
        restore: async () => {
          await redis.up();
        },
      };
    });
    const row = faultRow('kill -9 of the Redis master (Sentinel)', results);
    rows.push(row);
    expect(row).toMatchObject({ lost: 0, doubleCounted: 0, failedChecks: [] });
  });
});

describe('GET /api/status behind Sentinels', () => {
  it('names the master the Sentinels chose, after the failovers, and its replicas online', async () => {
    const master = await redis.masterPort();
    const expected: EngineNode[] = [
      { address: `127.0.0.1:${master}`, role: 'master', up: true },
      ...redis.ports.filter((port) => port !== master).map((port) => ({ address: `127.0.0.1:${port}`, role: 'replica', up: true })),
    ];
    let nodes: EngineNode[] = [];
    const sorted = (list: EngineNode[]) => [...list].sort((a, b) => a.role.localeCompare(b.role) || a.address.localeCompare(b.address));
    // The replica restored last may still be syncing (listed, not yet online) for a moment.
    await waitFor(
      async () => {
        const { body } = await system.api<SystemStatus>('GET', '/status');
        nodes = body.redis.state === 'ok' ? body.redis.value.nodes : [];
        return JSON.stringify(sorted(nodes)) === JSON.stringify(sorted(expected));
      },
      30_000,
      `the status to list ${JSON.stringify(expected)} (last: ${JSON.stringify(nodes)})`,
    );
  });
});
