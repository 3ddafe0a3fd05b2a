import { ConfigError } from './env';
import { loadInfraConfig } from './infra.config';

describe('loadInfraConfig', () => {
  it('has documented defaults', () => {
    expect(loadInfraConfig({}, 3000)).toEqual({
      namespace: 'rr',
      redisUrl: 'redis://127.0.0.1:6379',
      redisSentinels: [],
      redisMasterName: 'rate-runner',
      amqpUrls: ['amqp://guest:guest@127.0.0.1:5672'],
      amqpQueueType: 'classic',
      elasticsearchNodes: ['http://127.0.0.1:9200'],
      elasticsearchIndexPrefix: '',
      elasticsearchShards: 1,
      elasticsearchReplicas: 0,
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'log',
      logPrefix: 'name',
      logFormat: 'text',
      httpTargetAllowlist: ['127.0.0.1', 'localhost'],
      datasetWindowRecords: 2_000,
    });
  });

  it('prefixes indices with a non-default namespace', () => {
    expect(loadInfraConfig({ NAMESPACE: 'test-1' }, 3000).elasticsearchIndexPrefix).toBe('test-1-');
  });

  it('takes Sentinels as host:port, 26379 when the port is left out', () => {
    expect(loadInfraConfig({ REDIS_SENTINELS: 'a:26401, b ,[::1]:26403', REDIS_MASTER_NAME: 'main' }, 3000)).toMatchObject({
      redisSentinels: [
        { host: 'a', port: 26401 },
        { host: 'b', port: 26379 },
        { host: '::1', port: 26403 },
      ],
      redisMasterName: 'main',
    });
  });

  it("takes a cluster's nodes from AMQP_URLS, with quorum queues unless told otherwise", () => {
    const nodes = 'amqp://guest:guest@127.0.0.1:5681, amqp://guest:guest@127.0.0.1:5682,amqps://u:p@host:5671';
    expect(loadInfraConfig({ AMQP_URLS: nodes }, 3000)).toMatchObject({
      amqpUrls: ['amqp://guest:guest@127.0.0.1:5681', 'amqp://guest:guest@127.0.0.1:5682', 'amqps://u:p@host:5671'],
      amqpQueueType: 'quorum',
    });
    expect(loadInfraConfig({ AMQP_URLS: nodes, AMQP_QUEUE_TYPE: 'classic' }, 3000).amqpQueueType).toBe('classic');
    expect(loadInfraConfig({ AMQP_URLS: 'amqp://one:5672' }, 3000)).toMatchObject({
      amqpUrls: ['amqp://one:5672'],
      amqpQueueType: 'classic',
    });
    expect(loadInfraConfig({ AMQP_URL: 'amqp://one:5672', AMQP_QUEUE_TYPE: 'quorum' }, 3000).amqpQueueType).toBe('quorum');
  });

  it('takes every node of ELASTICSEARCH_NODES, with one replica by default', () => {
    expect(loadInfraConfig({ ELASTICSEARCH_NODES: 'http://a:9200, https://b:9201,' }, 3000)).toMatchObject({
      elasticsearchNodes: ['http://a:9200', 'https://b:9201'],
      elasticsearchReplicas: 1,
    });
  });

  it('keeps no replica by default with one node, given either way', () => {
    expect(loadInfraConfig({ ELASTICSEARCH_NODES: 'http://a:9200' }, 3000)).toMatchObject({
      elasticsearchNodes: ['http://a:9200'],
      elasticsearchReplicas: 0,
    });
    expect(loadInfraConfig({ ELASTICSEARCH_URL: 'http://b:9200' }, 3000)).toMatchObject({
      elasticsearchNodes: ['http://b:9200'],
      elasticsearchReplicas: 0,
    });
  });

  it('takes the shards and replicas given', () => {
    expect(loadInfraConfig({ ELASTICSEARCH_SHARDS: '3', ELASTICSEARCH_REPLICAS: '2' }, 3000)).toMatchObject({
      elasticsearchShards: 3,
      elasticsearchReplicas: 2,
    });
  });

  it.each([
    [{ AMQP_URL: 'amqp://a:5672', AMQP_URLS: 'amqp://b:5672' }, /^AMQP_URL and AMQP_URLS are both set/],
    [{ AMQP_URLS: 'amqp://a:5672,http://b' }, /^AMQP_URLS must use amqp: or amqps:, got "http:\/\/b"$/],
    [{ AMQP_URLS: 'amqp://guest:s3cret@host:bad' }, /^AMQP_URLS must be a URL, got "amqp:\/\/\*\*\*@host:bad"$/],
    [{ AMQP_QUEUE_TYPE: 'stream' }, /^AMQP_QUEUE_TYPE must be one of quorum, classic, got "stream"$/],
    [
      { ELASTICSEARCH_URL: 'http://a:9200', ELASTICSEARCH_NODES: 'http://b:9200' },
      /^ELASTICSEARCH_URL and ELASTICSEARCH_NODES are both set/,
    ],
    [{ ELASTICSEARCH_NODES: 'http://a:9200,redis://b' }, /^ELASTICSEARCH_NODES must use http: or https:, got "redis:\/\/b"$/],
    [{ ELASTICSEARCH_NODES: 'http://a:9200,http://user:s3cret@b:x' }, /^ELASTICSEARCH_NODES must be a URL, got "http:\/\/\*\*\*@b:x"$/],
    [{ ELASTICSEARCH_SHARDS: '0' }, /^ELASTICSEARCH_SHARDS must be an integer from 1 to 1024/],
    [{ ELASTICSEARCH_REPLICAS: '-1' }, /^ELASTICSEARCH_REPLICAS must be an integer from 0 to 20/],
    [{ REDIS_SENTINELS: 'a:26401,b:x' }, /^REDIS_SENTINELS must be a comma-separated list of host:port, got "b:x"$/],
    [{ REDIS_SENTINELS: 'a:70000' }, /^REDIS_SENTINELS must be a comma-separated list of host:port/],
    [{ PORT: 'abc' }, /^PORT must be an integer/],
    [{ PORT: '70000' }, /^PORT must be an integer/],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL must use redis: or rediss:/],
    [{ AMQP_URL: 'not a url' }, /^AMQP_URL must be a URL/],
    [{ NAMESPACE: 'Bad Name' }, /^NAMESPACE must be lowercase/],
    [{ LOG_LEVEL: 'info' }, /^LOG_LEVEL must be one of verbose, debug, log, warn, error, fatal, got "info"/],
    [{ LOG_PREFIX: 'off' }, /^LOG_PREFIX must be one of name, none/],
    [{ LOG_FORMAT: 'ndjson' }, /^LOG_FORMAT must be one of text, json, got "ndjson"/],
    [{ AMQP_URL: 'amqp://guest:s3cret@host:bad' }, /^AMQP_URL must be a URL, got "amqp:\/\/\*\*\*@host:bad"$/],
    [{ REDIS_URL: 'http://user:s3cret@host' }, /^REDIS_URL must use redis: or rediss:, got "http:\/\/\*\*\*@host"$/],
    // Passwords holding a `/` (base64) or an `@`: masked up to the last `@`, whole.
    [{ AMQP_URL: 'amqp://guest:pa/ss@host:bad' }, /^AMQP_URL must be a URL, got "amqp:\/\/\*\*\*@host:bad"$/],
    [{ AMQP_URL: 'amqp://u:p@ss@host:bad' }, /^AMQP_URL must be a URL, got "amqp:\/\/\*\*\*@host:bad"$/],
    [{ AMQP_URLS: 'amqp://a:5672,amqp://u:p/w@d@host:bad' }, /^AMQP_URLS must be a URL, got "amqp:\/\/\*\*\*@host:bad"$/],
    [{ REDIS_URL: 'redis://:pa/ss@host:bad' }, /^REDIS_URL must be a URL, got "redis:\/\/\*\*\*@host:bad"$/],
    [{ REDIS_URL: 'http://u:p@ss/x@host' }, /^REDIS_URL must use redis: or rediss:, got "http:\/\/\*\*\*@host"$/],
    [{ ELASTICSEARCH_URL: 'http://elastic:pa/ss@host:bad' }, /^ELASTICSEARCH_URL must be a URL, got "http:\/\/\*\*\*@host:bad"$/],
    [{ ELASTICSEARCH_NODES: 'http://elastic:p@ss@b:x' }, /^ELASTICSEARCH_NODES must be a URL, got "http:\/\/\*\*\*@b:x"$/],
  ])('refuses %j naming the variable, never showing a password', (env, message) => {
    expect(() => loadInfraConfig(env, 3000)).toThrow(ConfigError);
    expect(() => loadInfraConfig(env, 3000)).toThrow(message);
  });
});
