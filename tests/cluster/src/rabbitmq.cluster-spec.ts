import { faultRow, RabbitmqCluster, TestSystem, type TrialRun } from '@app/testing';
import { CLUSTER_TRIALS, clusterTrials, onCluster } from './cluster-suite';

/**
 * A 3-node RabbitMQ cluster with quorum queues (infra/rabbitmq-cluster.sh on ports of the suite's own): a run in
 * progress when the node leading the jobs queue is killed with kill -9. The other two elect a new leader from the
 * replicas, the connections on the killed node move to another node, and the run goes on; the node comes back as a
 * member once the run is done. Ports: the apps from 4500, RabbitMQ 5684-5686 (the script's defaults, 5681-5683, are
 * for `CLUSTER=1 npm start`).
 */
const rabbitmq = new RabbitmqCluster([5684, 5685, 5686]);
const system = new TestSystem({
  apis: 2,
  schedulers: 2,
  workers: 2,
  basePort: 4500,
  amqpUrls: rabbitmq.urls,
  label: 'cluster',
  env: { JOB_RETRY_BASE_DELAY_MS: '200', JOB_MAX_ATTEMPTS: '3' },
});
const apiUrls = [system.apiUrl, 'http://127.0.0.1:4501'];
const RUN: TrialRun = { total: 3_000, ratePerMinute: 18_000, processor: 'square' };
const rows = onCluster(rabbitmq, system, 240_000);

describe('kill -9 of the RabbitMQ node leading the jobs queue', () => {
  it(`loses nothing and counts nothing twice over ${CLUSTER_TRIALS} trial(s)`, async () => {
    const results = await clusterTrials(system, apiUrls, RUN, async () => {
      const leader = await rabbitmq.leader(system.names.jobsQueue);
      await rabbitmq.kill(leader);
      return {
        // The election of a new leader among the replicas is the takeover: the time to recover counts from the kill.
        heal: async () => undefined,
        // Once the run is done, the node comes back and rejoins (its replicas catch up from the leader).
        restore: async () => {
          await rabbitmq.start(leader);
        },
      };
    });
    const row = faultRow('kill -9 of the RabbitMQ node leading the jobs queue (quorum queues, 3 nodes)', results);
    rows.push(row);
    expect(row).toMatchObject({ lost: 0, doubleCounted: 0, failedChecks: [] });
  });
});
