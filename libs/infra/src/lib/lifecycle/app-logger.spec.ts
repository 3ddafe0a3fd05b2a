import { Logger } from '@nestjs/common';
import { AppLogger, type AppLoggerOptions, type JsonLogLine } from './app-logger';
import { LogLine, runLog } from './log-line';

/** What the logger writes to stdout and stderr while `log` runs, in order. */
function printed(logger: AppLogger, log: (logger: AppLogger) => void): string[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    log(logger);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

const text = (options: Partial<AppLoggerOptions> = {}) =>
  new AppLogger({ app: 'api', prefix: true, level: 'log', format: 'text', colors: false, ...options });
const json = (options: Partial<AppLoggerOptions> = {}) => text({ format: 'json', colors: true, ...options });
const parsed = (lines: string[]): JsonLogLine[] => lines.map((line) => JSON.parse(line) as JsonLogLine);

describe('AppLogger', () => {
  it('logs framework wiring at debug: hidden at the default level, shown at debug', () => {
    const wiring = (logger: AppLogger) => {
      logger.log('RunsModule dependencies initialized', 'InstanceLoader');
      logger.log('Mapped {/api/runs, POST} route', 'RouterExplorer');
      logger.log('api listening on http://127.0.0.1:3000', 'api');
    };
    const atLog = printed(text(), wiring);
    expect(atLog).toHaveLength(1);
    expect(atLog[0]).toMatch(/ LOG \[api\] api listening on http:\/\/127\.0\.0\.1:3000\n$/);

    const atDebug = printed(text({ level: 'debug' }), wiring);
    expect(atDebug).toHaveLength(3);
    expect(atDebug[0]).toMatch(/ DEBUG \[InstanceLoader\] RunsModule dependencies initialized\n$/);
  });

  it('drops levels below the one configured', () => {
    const lines = printed(text({ app: 'worker', level: 'warn' }), (logger) => {
      logger.log('batch stored', 'Worker');
      logger.warn('circuit open', 'Worker');
      logger.debug('probe', 'Worker');
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN \[Worker\] circuit open/);
  });

  it('starts each line with the name in brackets, or with the pid when there is no prefix', () => {
    const named = printed(text({ app: 'scheduler' }), (logger) => logger.log('up', 'Leader'));
    expect(named[0]).toMatch(new RegExp(`^\\[scheduler\\] ${process.pid}  - `));
    const bare = printed(text({ app: 'scheduler', prefix: false }), (logger) => logger.log('up', 'Leader'));
    expect(bare[0]).toMatch(new RegExp(`^${process.pid}  - `));
  });

  it('shows a run line as `run <id> ...` in text', () => {
    const lines = printed(text({ app: 'scheduler' }), (logger) =>
      logger.warn(runLog('abc123', 'throttled: 2000 jobs queued'), 'RunPublisher'),
    );
    expect(lines[0]).toMatch(/ WARN \[RunPublisher\] run abc123 throttled: 2000 jobs queued\n$/);
  });

  it('writes one JSON object per line: time, level, app, pid, context, message', () => {
    const lines = printed(json(), (logger) => logger.log('api listening on http://127.0.0.1:3000', 'api'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\{.*\}\n$/);
    expect(lines[0].trimEnd()).not.toContain('\n');
    const [line] = parsed(lines);
    expect(line).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'log',
      app: 'api',
      pid: process.pid,
      context: 'api',
      message: 'api listening on http://127.0.0.1:3000',
    });
    expect(Math.abs(Date.parse(line.time) - Date.now())).toBeLessThan(5_000);
  });

  it("gives the fields of a run line keys of their own in JSON, never replacing the line's", () => {
    const lines = printed(json({ app: 'worker' }), (logger) => {
      logger.warn(runLog('abc123', 'seq 7 failed 3 attempts: boom', { seq: 7 }), 'JobBatchProcessor');
      logger.log(new LogLine('spoof', { level: 'fatal', app: 'other', message: 'x', durationMs: 3 }, 'spoof'), 'Access');
    });
    const [run, spoof] = parsed(lines);
    expect(run).toMatchObject({
      level: 'warn',
      app: 'worker',
      context: 'JobBatchProcessor',
      runId: 'abc123',
      seq: 7,
      message: 'seq 7 failed 3 attempts: boom',
    });
    expect(spoof).toMatchObject({ level: 'log', app: 'worker', message: 'spoof', durationMs: 3 });
  });

  it('keeps wiring at debug, errors with their stack, and one line even for a multi-line message in JSON', () => {
    const lines = printed(json({ level: 'log' }), (logger) => {
      logger.log('RunsModule dependencies initialized', 'InstanceLoader');
      logger.error('store failed\nsecond line', 'Error: boom\n    at x', 'Worker');
    });
    expect(lines).toHaveLength(1);
    expect(parsed(lines)[0]).toMatchObject({
      level: 'error',
      context: 'Worker',
      message: 'store failed\nsecond line',
      stack: 'Error: boom\n    at x',
    });
  });

  it('reaches the logger through a Nest Logger with its context', () => {
    const logger = json({ app: 'scheduler' });
    Logger.overrideLogger(logger);
    try {
      const lines = printed(logger, () => new Logger('RunPublisher').log(runLog('abc123', 'back to its pace')));
      expect(parsed(lines)[0]).toMatchObject({ context: 'RunPublisher', runId: 'abc123', message: 'back to its pace' });
    } finally {
      Logger.overrideLogger(true);
    }
  });
});
