export * from './lib/create-run.dto';
export * from './lib/job-document';
export * from './lib/job-message';
export * from './lib/list-runs.query';
export * from './lib/live-events';
export * from './lib/processors';
export * from './lib/run';
export * from './lib/topology';
