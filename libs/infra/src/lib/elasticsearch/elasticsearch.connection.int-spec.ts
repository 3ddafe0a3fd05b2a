import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { elasticsearchIndices, JOBS_INDEX_MAPPINGS } from '@app/contracts';
import { ElasticsearchConnection } from './elasticsearch.connection';

/*
 * What `connect` does with indices an older version left behind, against the real Elasticsearch (only it decides
 * which mapping changes it accepts), over indices of a namespace of their own.
 */
const ELASTICSEARCH_URL = process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const client = new Client({ node: ELASTICSEARCH_URL });
const namespaces: string[] = [];

function newIndices() {
  const prefix = `it-connect-${randomBytes(3).toString('hex')}-`;
  namespaces.push(prefix);
  return elasticsearchIndices(prefix);
}

afterAll(async () => {
  await client.indices.delete({ index: namespaces.map((prefix) => `${prefix}*`), ignore_unavailable: true });
  await client.close();
});

describe('ElasticsearchConnection.connect on indices an older version created', () => {
  it('adds the fields this version maps and keeps the documents', async () => {
    const indices = newIndices();
    const olderProperties = Object.fromEntries(Object.entries(JOBS_INDEX_MAPPINGS.properties).filter(([field]) => field !== 'input'));
    await client.indices.create({ index: indices.jobs, mappings: { dynamic: 'strict', properties: olderProperties } });
    await client.index({ index: indices.jobs, id: 'old', document: { runId: 'older', seq: 1 }, refresh: true });

    const connection = await ElasticsearchConnection.connect([ELASTICSEARCH_URL], indices, { shards: 1, replicas: 0 });
    await connection.close();

    const mapping = await client.indices.getMapping({ index: indices.jobs });
    expect(mapping[indices.jobs].mappings.properties).toHaveProperty('input');
    expect((await client.count({ index: indices.jobs })).count).toBe(1);
  });

  it('refuses to start on a field whose type changed, naming the index and the way out', async () => {
    const indices = newIndices();
    await client.indices.create({ index: indices.jobs, mappings: { properties: { runId: { type: 'text' } } } });

    await expect(ElasticsearchConnection.connect([ELASTICSEARCH_URL], indices, { shards: 1, replicas: 0 })).rejects.toThrow(
      new RegExp(
        `^index ${indices.jobs} was created by an older version with a mapping this one cannot extend \\(mapper \\[runId\\] cannot be changed from type \\[text\\] to \\[keyword\\]\\); ` +
          `reindex it into a new index or delete it \\(curl -X DELETE <elasticsearch>/${indices.jobs}\\), then start again$`,
      ),
    );
  });
});
