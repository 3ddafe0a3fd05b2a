import { randomBytes } from 'node:crypto';
import { elasticsearchIndices } from '@app/contracts';
import { newRun, type RunState } from '@app/domain';
import { ElasticsearchConnection } from './elasticsearch.connection';
import { RunArchive } from './run-archive';

/*
 * The group commit of `RunArchive.save` against the real Elasticsearch, over indices of a namespace of their own: saves
 * made together share bulk requests, and each caller still hears its own run's outcome.
 */
const ELASTICSEARCH_URL = process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const indices = elasticsearchIndices(`it-archive-${randomBytes(3).toString('hex')}-`);
const T0 = Date.UTC(2026, 0, 1);

let es: ElasticsearchConnection;
let archive: RunArchive;

beforeAll(async () => {
  es = await ElasticsearchConnection.connect([ELASTICSEARCH_URL], indices, { shards: 1, replicas: 0 });
  archive = new RunArchive(es);
});

afterAll(async () => {
  await es.client.indices.delete({ index: Object.values(indices), ignore_unavailable: true });
  await es.close();
});

const aRun = (id: string, changes: Partial<RunState> = {}): RunState => ({
  ...newRun({ id, total: 100, ratePerMinute: 60, processor: 'square' }, T0),
  ...changes,
});

describe('RunArchive.save', () => {
  it('stores every run of many saved at once, in fewer requests than runs', async () => {
    const bulk = jest.spyOn(es.client, 'bulk');
    const runs = Array.from({ length: 200 }, (_, i) => aRun(`grouped${String(i).padStart(6, '0')}`));

    await Promise.all(runs.map((run) => archive.save(run)));

    const stored = await Promise.all(runs.map((run) => archive.get(run.id)));
    expect(stored.map((document) => document?.id)).toEqual(runs.map((run) => run.id));
    expect(bulk.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(bulk.mock.calls.length).toBeLessThan(runs.length / 2);
    bulk.mockRestore();
  });

  it('keeps the newer snapshot when an older one comes late, and answers both saves', async () => {
    await archive.save(aRun('versioned0001', { status: 'paused', updatedAt: T0 + 2_000 }));
    await expect(archive.save(aRun('versioned0001', { status: 'running', updatedAt: T0 + 1_000 }))).resolves.toBeUndefined();
    expect((await archive.get('versioned0001'))?.status).toBe('paused');
  });

  it('rejects only the save Elasticsearch refuses, with its reason, and stores the others saved with it', async () => {
    const refused = aRun('refused000001', { total: 'many' as unknown as number });
    const outcomes = await Promise.allSettled([aRun('accepted00001'), refused, aRun('accepted00002')].map((run) => archive.save(run)));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/^Error: archiving run refused000001 failed: .*total/);
    expect(await archive.get('accepted00002')).not.toBeNull();
    expect(await archive.get('refused000001')).toBeNull();
  });
});
