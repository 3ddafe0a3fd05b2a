import { ConsoleLogger } from '@nestjs/common';
import { LOG_LEVELS, type LogLevelName } from '../config/infra.config';

/**
 * Contexts of Nest's own start-up wiring: one line per module, controller, route and gateway (90 of
 * the api's first 160 lines). They tell a developer how the app was put together, not a user what
 * runs where, so they are logged at `debug`.
 */
export const WIRING_CONTEXTS: ReadonlySet<string> = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
  'WebSocketsController',
]);

export interface AppLoggerOptions {
  /** Printed in brackets at the start of each line, or nothing when undefined. */
  prefix: string | undefined;
  level: LogLevelName;
  colors: boolean;
}

/** Nest's console logger, with its wiring moved to `debug` and an optional name prefix. */
export class AppLogger extends ConsoleLogger {
  private readonly namePrefix: string | undefined;

  constructor(options: AppLoggerOptions) {
    super({ logLevels: LOG_LEVELS.slice(LOG_LEVELS.indexOf(options.level)), colors: options.colors });
    this.namePrefix = options.prefix;
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && WIRING_CONTEXTS.has(context)) {
      super.debug(message, ...optionalParams);
      return;
    }
    super.log(message, ...optionalParams);
  }

  protected override formatPid(pid: number): string {
    return this.namePrefix === undefined ? `${pid}  - ` : `[${this.namePrefix}] ${pid}  - `;
  }
}
