import { ElasticsearchCluster, faultRow, TestSystem, type ClusterNode, type FaultRow, type TrialRun } from '@app/testing';
import { CLUSTER_TRIALS, clusterTrials, onCluster } from './cluster-suite';

/**
 * Three Elasticsearch nodes (infra/elasticsearch-cluster.sh on ports of the suite's own), the indices with 3 shards and
 * 1 replica so that the primaries spread over the nodes: a run in progress when a data node holding primaries of the
 * results index is killed with kill -9 (one that is not the elected master when there is one, said in the row), and
 * started again at once, so that it rejoins while the run goes on. The replicas on the other nodes are promoted;
 * bulk writes in flight are retried on another node or requeued, and nothing acknowledged is lost with the node.
 * Ports: the apps from 4600, Elasticsearch HTTP 9221-9223 (transport 9321-9323).
 */
const cluster = new ElasticsearchCluster([9221, 9222, 9223]);
const system = new TestSystem({
  apis: 2,
  schedulers: 2,
  workers: 2,
  basePort: 4600,
  elasticsearchNodes: cluster.nodes,
  label: 'cluster',
  env: { ELASTICSEARCH_SHARDS: '3', ELASTICSEARCH_REPLICAS: '1', JOB_RETRY_BASE_DELAY_MS: '200', JOB_MAX_ATTEMPTS: '3' },
});
const apiUrls = [system.apiUrl, 'http://127.0.0.1:4601'];
// 20 s of records: the node killed a fifth of the way in is back (about 10 s to start) before the run ends.
const RUN: TrialRun = { total: 6_000, ratePerMinute: 18_000, processor: 'square' };
const rows = onCluster(cluster, system, 300_000);

/**
 * A node holding primaries of `index`: the elected master or another one, as asked, when such a node holds some (the
 * primaries move as nodes die and come back), else any that does; the row says which it was.
 */
async function nodeToKill(index: string, master: 'the master' | 'not the master'): Promise<{ node: ClusterNode; isMaster: boolean }> {
  const [holders, elected] = await Promise.all([cluster.holdingPrimaries(index), cluster.master()]);
  const node = holders.find((holder) => (holder === elected) === (master === 'the master')) ?? holders[0];
  if (node === undefined) throw new Error(`no node holds a started primary of ${index}`);
  return { node, isMaster: node === elected };
}

/** Trials of a kill -9 of a node holding primaries of the results index, started again at once; its row of the table. */
async function killTrials(master: 'the master' | 'not the master'): Promise<FaultRow> {
  const killed: string[] = [];
  const results = await clusterTrials(system, apiUrls, RUN, async () => {
    const { node, isMaster } = await nodeToKill(system.indices.jobs, master);
    killed.push(`node ${node}${isMaster ? ' (elected master)' : ''}`);
    await cluster.kill(node);
    // Started again at once, not awaited: the run goes on without it meanwhile, and it rejoins mid-run.
    const back = cluster.start(node).then(
      () => null,
      (error: Error) => error,
    );
    return {
      // The promotion of the replicas (after electing a master, if it was the master) is the takeover: the time
      // to recover counts from the kill.
      heal: async () => undefined,
      // Once the run is done: the node is back, and its shards' copies recovered (green).
      restore: async () => {
        const error = await back;
        if (error) throw error;
        await cluster.up();
      },
    };
  });
  return faultRow(`kill -9 of an Elasticsearch node holding primaries of jobs, ${master} (killed: ${killed.join(', ')})`, results);
}

describe('kill -9 of an Elasticsearch data node holding primaries of the results index (3 nodes, replicas 1)', () => {
  it.each(['not the master', 'the master'] as const)(
    `%s: loses nothing and counts nothing twice over ${CLUSTER_TRIALS} trial(s)`,
    async (master) => {
      const row = await killTrials(master);
      rows.push(row);
      expect(row).toMatchObject({ lost: 0, doubleCounted: 0, failedChecks: [] });
    },
  );
});
