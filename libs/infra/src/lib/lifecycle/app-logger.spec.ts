import { AppLogger } from './app-logger';

/** What the logger writes to stdout while `log` runs. */
function printed(logger: AppLogger, log: (logger: AppLogger) => void): string[] {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    log(logger);
  } finally {
    write.mockRestore();
  }
  return lines;
}

describe('AppLogger', () => {
  it('logs framework wiring at debug: hidden at the default level, shown at debug', () => {
    const wiring = (logger: AppLogger) => {
      logger.log('RunsModule dependencies initialized', 'InstanceLoader');
      logger.log('Mapped {/api/runs, POST} route', 'RouterExplorer');
      logger.log('api listening on http://127.0.0.1:3000', 'api');
    };
    const atLog = printed(new AppLogger({ prefix: 'api', level: 'log', colors: false }), wiring);
    expect(atLog).toHaveLength(1);
    expect(atLog[0]).toMatch(/ LOG \[api\] api listening on http:\/\/127\.0\.0\.1:3000\n$/);

    const atDebug = printed(new AppLogger({ prefix: 'api', level: 'debug', colors: false }), wiring);
    expect(atDebug).toHaveLength(3);
    expect(atDebug[0]).toMatch(/ DEBUG \[InstanceLoader\] RunsModule dependencies initialized\n$/);
  });

  it('drops levels below the one configured', () => {
    const lines = printed(new AppLogger({ prefix: 'worker', level: 'warn', colors: false }), (logger) => {
      logger.log('batch stored', 'Worker');
      logger.warn('circuit open', 'Worker');
      logger.debug('probe', 'Worker');
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN \[Worker\] circuit open/);
  });

  it('starts each line with the name in brackets, or with the pid when there is no prefix', () => {
    const named = printed(new AppLogger({ prefix: 'scheduler', level: 'log', colors: false }), (logger) => logger.log('up', 'Leader'));
    expect(named[0]).toMatch(new RegExp(`^\\[scheduler\\] ${process.pid}  - `));
    const bare = printed(new AppLogger({ prefix: undefined, level: 'log', colors: false }), (logger) => logger.log('up', 'Leader'));
    expect(bare[0]).toMatch(new RegExp(`^${process.pid}  - `));
  });
});
