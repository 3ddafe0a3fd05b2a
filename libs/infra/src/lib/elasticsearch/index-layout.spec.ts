import { indexLayoutChange } from './index-layout';

describe('indexLayoutChange', () => {
  it('changes nothing on an index laid out as configured', () => {
    expect(indexLayoutChange('jobs', { shards: 3, replicas: 1 }, { shards: 3, replicas: 1 })).toEqual({
      replicas: null,
      shardWarning: null,
    });
  });

  it('sets the configured replicas in place, up or down', () => {
    expect(indexLayoutChange('jobs', { shards: 1, replicas: 0 }, { shards: 1, replicas: 1 })).toEqual({ replicas: 1, shardWarning: null });
    expect(indexLayoutChange('jobs', { shards: 1, replicas: 2 }, { shards: 1, replicas: 0 })).toEqual({ replicas: 0, shardWarning: null });
  });

  it('warns, naming the index, when its shards differ, and still sets the replicas', () => {
    const change = indexLayoutChange('rr-x-jobs', { shards: 1, replicas: 0 }, { shards: 3, replicas: 1 });
    expect(change.replicas).toBe(1);
    expect(change.shardWarning).toBe(
      'index rr-x-jobs has 1 primary shard(s), not the 3 of ELASTICSEARCH_SHARDS: an existing index keeps its shards, so it stays ' +
        'at 1 (to change them, reindex it into a new index or delete it, then start again)',
    );
  });
});
