import { Logger, RequestMethod, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '../config/env';
import type { InfraConfig } from '../config/infra.config';
import { AppLogger } from './app-logger';

export interface BootstrapOptions<C extends InfraConfig> {
  name: string;
  loadConfig: () => C;
  module: (config: C) => DynamicModule;
  /** Prefix of every route but `/metrics` (the api serves REST under `/api`). */
  globalPrefix?: string;
  /** Whether Nest's own JSON and urlencoded body parsers run (default true); the api reads its bodies itself, once the token is checked. */
  bodyParser?: boolean;
  configure?: (app: INestApplication, config: C) => void;
}

/**
 * Starts a service: validates its environment (exiting with the variable's name when bad), connects
 * its clients, listens, and shuts down gracefully on SIGTERM/SIGINT.
 */
export async function bootstrap<C extends InfraConfig>(options: BootstrapOptions<C>): Promise<INestApplication> {
  const logger = new Logger(options.name);
  let config: C;
  try {
    config = options.loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(`invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create(options.module(config), {
    bodyParser: options.bodyParser ?? true,
    logger: new AppLogger({
      app: options.name,
      prefix: config.logPrefix === 'name',
      level: config.logLevel,
      format: config.logFormat,
      // Colours only on a terminal: logs piped to files or collectors stay plain text.
      colors: Boolean(process.stdout.isTTY),
    }),
  });
  app.enableShutdownHooks();
  if (options.globalPrefix) {
    app.setGlobalPrefix(options.globalPrefix, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  }
  options.configure?.(app, config);
  await app.listen(config.port, config.host);
  logger.log(`${options.name} listening on http://${config.host}:${config.port} (namespace "${config.namespace}")`);
  return app;
}
