export * from './lib/chromium';
export * from './lib/csv-dataset';
export * from './lib/elasticsearch-cluster';
export * from './lib/fault-trial';
export * from './lib/receiving-endpoint';
export * from './lib/sentinel-redis';
export * from './lib/tcp-proxy';
export * from './lib/test-system';
