export * from './lib/test-system';
