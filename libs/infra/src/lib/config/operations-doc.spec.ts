import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configLoaders, configVariables } from '@app/testing';

const ROOT = resolve(__dirname, '../../../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

const LOADERS = configLoaders();
const variables = configVariables();

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
    expect(variables).toEqual(expect.arrayContaining(['NAMESPACE', 'LOG_FORMAT', 'API_TOKEN', 'SCHEDULER_TICK_MS', 'WORKER_BATCH_SIZE']));
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
