import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { Logger } from '@nestjs/common';
import { elasticsearchIndices, JOBS_INDEX_MAPPINGS, type ElasticsearchIndices } from '@app/contracts';
import { ElasticsearchConnection } from './elasticsearch.connection';

/*
 * How `connect` lays out the indices (ELASTICSEARCH_SHARDS, ELASTICSEARCH_REPLICAS) against the real Elasticsearch,
 * which alone decides what can change on a live index: the single node, over indices of a namespace of their own.
 * A replica cannot be placed on one node (the index is yellow until deleted): only the settings are checked.
 */
const ELASTICSEARCH_URL = process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const client = new Client({ node: ELASTICSEARCH_URL });
const prefixes: string[] = [];

function newIndices(): ElasticsearchIndices {
  const prefix = `it-layout-${randomBytes(3).toString('hex')}-`;
  prefixes.push(prefix);
  return elasticsearchIndices(prefix);
}

async function layoutOf(index: string): Promise<{ shards: number; replicas: number; primariesStarted: number }> {
  const settings = (await client.indices.getSettings({ index }))[index].settings?.index;
  const shards = await client.cat.shards({ index, format: 'json', h: ['prirep', 'state'] });
  return {
    shards: Number(settings?.number_of_shards),
    replicas: Number(settings?.number_of_replicas),
    primariesStarted: shards.filter((shard) => shard.prirep === 'p' && shard.state === 'STARTED').length,
  };
}

afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  await client.indices.delete({ index: prefixes.map((prefix) => `${prefix}*`), ignore_unavailable: true });
  await client.close();
});

describe('the layout of the indices connect creates and finds', () => {
  it('creates every index with ELASTICSEARCH_SHARDS primary shards and ELASTICSEARCH_REPLICAS replicas', async () => {
    const indices = newIndices();
    const connection = await ElasticsearchConnection.connect([ELASTICSEARCH_URL], indices, { shards: 3, replicas: 0 });
    await connection.close();

    for (const index of Object.values(indices)) {
      expect({ index, ...(await layoutOf(index)) }).toEqual({ index, shards: 3, replicas: 0, primariesStarted: 3 });
    }
  });

  it('changes the replicas of an existing index in place, keeping its documents, and says so', async () => {
    const indices = newIndices();
    await client.indices.create({
      index: indices.jobs,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: JOBS_INDEX_MAPPINGS,
    });
    await client.index({ index: indices.jobs, id: 'kept', document: { runId: 'r', seq: 1 }, refresh: true });
    const logged = jest.spyOn(Logger.prototype, 'log');

    const connection = await ElasticsearchConnection.connect([ELASTICSEARCH_URL], indices, { shards: 1, replicas: 1 });
    await connection.close();

    expect(await layoutOf(indices.jobs)).toMatchObject({ shards: 1, replicas: 1 });
    expect((await client.count({ index: indices.jobs })).count).toBe(1);
    expect(logged).toHaveBeenCalledWith(`index ${indices.jobs}: replicas changed in place from 0 to 1 (ELASTICSEARCH_REPLICAS)`);
  });

  it('keeps the shards of an existing index that has other than configured, with a warning naming it', async () => {
    const indices = newIndices();
    await client.indices.create({ index: indices.runs, settings: { number_of_shards: 2, number_of_replicas: 0 } });
    const warned = jest.spyOn(Logger.prototype, 'warn');

    const connection = await ElasticsearchConnection.connect([ELASTICSEARCH_URL], indices, { shards: 3, replicas: 0 });
    await connection.close();

    expect(await layoutOf(indices.runs)).toMatchObject({ shards: 2, replicas: 0 });
    expect(await layoutOf(indices.jobs)).toMatchObject({ shards: 3, replicas: 0 });
    expect(warned).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`^index ${indices.runs} has 2 primary shard\\(s\\), not the 3 of ELASTICSEARCH_SHARDS`)),
    );
    expect(warned.mock.calls.filter(([message]) => String(message).includes('primary shard(s)'))).toHaveLength(1);
  });
});
