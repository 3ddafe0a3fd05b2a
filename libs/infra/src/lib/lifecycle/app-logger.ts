import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { LOG_LEVELS, type LogFormat, type LogLevelName } from '../config/infra.config';
import { LogLine, type LogFields } from './log-line';

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
  /** The app's name: the `app` key of each JSON line, and the text prefix when `prefix` is set. */
  app: string;
  /** Whether each text line starts with the app's name in brackets (`LOG_PREFIX=name`). */
  prefix: boolean;
  level: LogLevelName;
  format: LogFormat;
  /** Colours in the text format (never in JSON). */
  colors: boolean;
}

/** One JSON log line, as `LOG_FORMAT=json` writes it. */
export interface JsonLogLine {
  time: string;
  level: LogLevel;
  app: string;
  pid: number;
  context?: string;
  message: unknown;
  stack?: unknown;
  [field: string]: unknown;
}

/**
 * Nest's console logger, with its wiring moved to `debug`, an optional name prefix, and Nest 11's JSON format
 * (`json: true`) extended with the time as ISO 8601, the app's name, and the fields of a `LogLine` (`runLog`).
 */
export class AppLogger extends ConsoleLogger {
  private readonly app: string;
  private readonly namePrefix: boolean;

  constructor(options: AppLoggerOptions) {
    const json = options.format === 'json';
    super({ logLevels: LOG_LEVELS.slice(LOG_LEVELS.indexOf(options.level)), json, colors: !json && options.colors });
    this.app = options.app;
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
    return this.namePrefix ? `[${this.app}] ${pid}  - ` : `${pid}  - `;
  }

  protected override stringifyMessage(message: unknown, logLevel: LogLevel): unknown {
    return super.stringifyMessage(message instanceof LogLine ? message.text : message, logLevel);
  }

  /** Nest's JSON object (`level`, `pid`, `timestamp`, `message`, `context`, `stack`), reshaped as a `JsonLogLine`. */
  protected override stringifyJsonLogObject(logObject: Record<string, unknown>): string {
    const { level, timestamp, message, context, stack } = logObject;
    const head = {
      time: new Date(typeof timestamp === 'number' ? timestamp : Date.now()).toISOString(),
      level,
      app: this.app,
      pid: process.pid,
      ...(typeof context === 'string' && context !== '' ? { context } : {}),
    };
    const line: Record<string, unknown> =
      message instanceof LogLine
        ? // A field never takes the place of one of the line's own keys.
          { ...head, ...withoutKeys(message.fields, [...Object.keys(head), 'message', 'stack']), message: message.message }
        : { ...head, message };
    return super.stringifyJsonLogObject(stack === undefined ? line : { ...line, stack });
  }
}

const withoutKeys = (fields: LogFields, reserved: string[]): LogFields =>
  Object.fromEntries(Object.entries(fields).filter(([key]) => !reserved.includes(key)));
