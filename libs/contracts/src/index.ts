// Browser-safe: types, names, constants, index mappings and parsers, no decorators and no Node built-ins, so the
// dashboard imports it as freely as the servers do. The class-validator DTOs are in `@app/contracts/dto`.
export * from './lib/access';
export * from './lib/audit';
export * from './lib/dataset';
export * from './lib/dataset-document';
export * from './lib/delivery-stats';
export * from './lib/failure-document';
export * from './lib/health';
export * from './lib/job-document';
export * from './lib/job-message';
export * from './lib/list-requests';
export * from './lib/live-events';
export * from './lib/metrics';
export * from './lib/processors';
export * from './lib/run';
export * from './lib/run-document';
export * from './lib/run-hash';
export * from './lib/run-history';
export * from './lib/run-request-rules';
export * from './lib/run-requests';
export * from './lib/system-status';
export * from './lib/topology';
export * from './lib/worker-status';
