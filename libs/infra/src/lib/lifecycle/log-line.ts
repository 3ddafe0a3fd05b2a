import { inspect } from 'node:util';

/** What a log line carries besides its message: keys of the line's object in JSON, part of the text otherwise. */
export type LogFields = Readonly<Record<string, string | number | boolean>>;

/**
 * A log message with structured fields, passed to a Nest `Logger` as its message. `AppLogger` prints `text` in the
 * text format, and `message` with each field as a key of its own in JSON, so a collector can filter on `runId`
 * without parsing prose. Any other logger (a test's, Nest's default) shows `text`.
 */
export class LogLine {
  constructor(
    readonly message: string,
    readonly fields: LogFields,
    readonly text: string,
  ) {}

  toString(): string {
    return this.text;
  }

  [inspect.custom](): string {
    return this.text;
  }
}

/** A line about one run: `run <id> <message>` as text, `runId` (and any other field given) in JSON. */
export const runLog = (runId: string, message: string, fields: LogFields = {}): LogLine =>
  new LogLine(message, { runId, ...fields }, `run ${runId} ${message}`);
