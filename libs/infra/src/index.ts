export * from './lib/infra.module';
