// Server-only entry of the contracts: the REST DTOs as class-validator classes with their OpenAPI schemas, and the
// answers' schemas as classes (reflect-metadata with them). The dashboard imports the browser-safe root entry,
// `@app/contracts`, whose interfaces these classes implement.
export * from './audit.response';
export * from './dataset.dto';
export * from './dataset.response';
export * from './delivery-stats.response';
export * from './error.response';
export * from './failure-page.response';
export * from './list.queries';
export * from './readiness.response';
export * from './result-page.response';
export * from './run-history.response';
export * from './run.dto';
export * from './run.response';
export * from './session.response';
export * from './system-status.response';
export * from './worker-status.response';
