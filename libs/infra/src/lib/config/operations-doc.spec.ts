import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The config loaders: the shared one, and each server app's `apps/<app>/src/app/<app>.config.ts`. */
const LOADERS = [
  'libs/infra/src/lib/config/infra.config.ts',
  ...readdirSync(join(ROOT, 'apps'))
    .map((app) => `apps/${app}/src/app/${app}.config.ts`)
    .filter((path) => {
      try {
        return read(path).includes('loadInfraConfig');
      } catch {
        return false;
      }
    }),
];

/**
 * Every variable a loader reads: the names given to one of `env.ts`'s readers, `envInt(env, 'NAME', ...)` and the like
 * (two for `envNodeUrls(env, 'LIST', 'SINGLE', ...)`).
 */
const variablesRead = (source: string): string[] =>
  [...source.matchAll(/\benv[A-Z]\w*\(\s*env\s*,\s*'([A-Z][A-Z0-9_]*)'(?:\s*,\s*'([A-Z][A-Z0-9_]*)')?/g)].flatMap((match) =>
    match.slice(1).filter((name) => name !== undefined),
  );

const variables = [...new Set(LOADERS.flatMap((path) => variablesRead(read(path))))].sort();
/** A variable documented as a table row of its own: `` | `NAME` | ``. */
const rowOf = (doc: string, name: string): boolean => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm').test(doc);

describe('the documentation of every environment variable', () => {
  it('finds the loaders of api, scheduler and worker and what they read', () => {
    expect(LOADERS).toEqual(
      expect.arrayContaining([
        'apps/api/src/app/api.config.ts',
        'apps/scheduler/src/app/scheduler.config.ts',
        'apps/worker/src/app/worker.config.ts',
      ]),
    );
    expect(variables).toEqual(
      expect.arrayContaining([
        'NAMESPACE',
        'AMQP_URL',
        'AMQP_URLS',
        'ELASTICSEARCH_NODES',
        'LOG_FORMAT',
        'API_TOKEN',
        'SCHEDULER_TICK_MS',
        'WORKER_BATCH_SIZE',
      ]),
    );
    expect(variables.length).toBeGreaterThan(35);
  });

  it('has a row for each in docs/operations.md', () => {
    const doc = read('docs/operations.md');
    expect(variables.filter((name) => !rowOf(doc, name))).toEqual([]);
  });

  it("has a row for each in the README's configuration table", () => {
    const readme = read('README.md');
    expect(variables.filter((name) => !rowOf(readme, name))).toEqual([]);
  });
});
