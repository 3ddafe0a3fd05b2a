export * from './lib/batcher';
export * from './lib/change-coalescer';
export * from './lib/pacing';
export * from './lib/processors';
export * from './lib/record-input';
export * from './lib/run-id';
export * from './lib/run-view';
