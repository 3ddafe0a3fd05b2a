import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The environment variables the config loaders read, taken from their source: what the docs list
 * (libs/infra's operations-doc.spec.ts) and what the Kubernetes manifests may set (tests/k8s) are checked
 * against the code itself, never against a second list.
 */

const ROOT = resolve(__dirname, '../../../..');
const SHARED_LOADER = 'libs/infra/src/lib/config/infra.config.ts';
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** A server app's own loader, `apps/<app>/src/app/<app>.config.ts`, which extends the shared one. */
export const configLoaderOf = (app: string): string => `apps/${app}/src/app/${app}.config.ts`;

/** The config loaders: the shared one, and that of each app whose loader extends it (api, scheduler, worker). */
export function configLoaders(): string[] {
  const appLoaders = readdirSync(join(ROOT, 'apps'))
    .map(configLoaderOf)
    .filter((path) => {
      try {
        return read(path).includes('loadInfraConfig');
      } catch {
        return false;
      }
    });
  return [SHARED_LOADER, ...appLoaders];
}

/**
 * Every variable a loader reads: the names given to one of `env.ts`'s readers, `envInt(env, 'NAME', ...)` and the
 * like, the first argument after `env` and any upper-case name right after it (a reader of a list that falls back to
 * a single variable, `(env, 'NODES', 'URL', ...)`).
 */
export const variablesRead = (source: string): string[] =>
  [...source.matchAll(/\benv[A-Z]\w*\(\s*env\s*((?:,\s*'[A-Z][A-Z0-9_]*'\s*)+)/g)].flatMap((match) =>
    [...match[1].matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((name) => name[1]),
  );

const variablesOfLoaders = (paths: string[]): string[] => [...new Set(paths.flatMap((path) => variablesRead(read(path))))].sort();

/** Every variable any loader reads, sorted. */
export const configVariables = (): string[] => variablesOfLoaders(configLoaders());

/** The variables one server app reads: the shared loader's and its own loader's, sorted. */
export const configVariablesOf = (app: string): string[] => variablesOfLoaders([SHARED_LOADER, configLoaderOf(app)]);
