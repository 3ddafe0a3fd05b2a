import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

/**
 * The machine's RabbitMQ and the local Elasticsearch, stopped and started as an operator would. Every
 * stop is paired with a start in the caller's `finally`, so the suite leaves them running as it found them.
 */
export const rabbitmq = {
  stopApp: () => run('rabbitmqctl', ['stop_app']),
  startApp: () => run('rabbitmqctl', ['start_app']),
  async isRunning(): Promise<boolean> {
    return run('rabbitmqctl', ['-q', 'await_startup', '--timeout', '5']).then(
      () => true,
      () => false,
    );
  },
  /** Closes, from the broker's side, every connection whose `connection_name` is `connectionName`. */
  async closeConnections(connectionName: string): Promise<number> {
    // The plain listing, not JSON: close_connection takes the pid as `<rabbit@host.1.2.0>`, not `#PID<...>`.
    const { stdout } = await run('rabbitmqctl', ['list_connections', '-q', '--no-table-headers', 'pid', 'client_properties']);
    const ours = stdout
      .split('\n')
      .filter((line) => line.includes(`{"connection_name","${connectionName}"}`))
      .map((line) => line.split('\t')[0]);
    for (const pid of ours) await run('rabbitmqctl', ['close_connection', pid, 'fault suite: connection cut by the broker']);
    return ours.length;
  },
};

const ES_SCRIPT = join(ROOT, 'infra', 'elasticsearch.sh');
const STACK_HOME =
  process.env['STACK_HOME'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(process.env['HOME'] ?? '/root', '.cache'), 'rate-runner');

export const elasticsearch = {
  /** Only an Elasticsearch that infra/elasticsearch.sh started (it holds its pid) can be restarted here. */
  canRestart: () => existsSync(join(STACK_HOME, 'elasticsearch', 'run', 'elasticsearch.pid')),
  stop: () => run('bash', [ES_SCRIPT, 'down'], { env: { ...process.env, STACK_HOME } }),
  start: () => run('bash', [ES_SCRIPT, 'up'], { env: { ...process.env, STACK_HOME }, timeout: 180_000 }),
};
