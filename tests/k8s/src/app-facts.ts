import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { configLoaderOf } from '@app/testing';

/**
 * What the apps and Compose say about themselves, read from their source: the manifests are checked against these,
 * never against values written a second time in the spec.
 */

export const ROOT = resolve(__dirname, '../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The first capture of `pattern` in the file, or a failure naming both. */
function capture(path: string, pattern: RegExp): string {
  const match = pattern.exec(read(path));
  if (!match) throw new Error(`${path} no longer matches ${pattern}: update tests/k8s/src/app-facts.ts`);
  return match[1];
}

export const SERVER_APPS = ['api', 'scheduler', 'worker'] as const;
export type ServerApp = (typeof SERVER_APPS)[number];

/** The port an app listens on unless `PORT` says otherwise: `loadInfraConfig(env, 3000)` in its loader. */
export const defaultPortOf = (app: ServerApp): number =>
  Number(capture(configLoaderOf(app), /loadInfraConfig\(\s*env\s*,\s*([\d_]+)\s*\)/).replace(/_/g, ''));

/** `/api` for the api (`globalPrefix: 'api'` in its main.ts), nothing for the others. */
function routePrefixOf(app: ServerApp): string {
  const match = /globalPrefix:\s*'([^']+)'/.exec(read(`apps/${app}/src/main.ts`));
  return match ? `/${match[1]}` : '';
}

const HEALTH_CONTROLLER = 'libs/infra/src/lib/health/health.controller.ts';

/** The liveness and readiness routes of an app: the shared health controller's, under the app's route prefix. */
export function healthPathsOf(app: ServerApp): { liveness: string; readiness: string } {
  const base = `${routePrefixOf(app)}/${capture(HEALTH_CONTROLLER, /@Controller\('([^']+)'\)/)}`;
  return { liveness: base, readiness: `${base}/${capture(HEALTH_CONTROLLER, /@Get\('([^']+)'\)/)}` };
}

/** `/metrics`, on every app's own port and outside the api's prefix (bootstrap.ts excludes it). */
export const METRICS_PATH = `/${capture('libs/infra/src/lib/metrics/metrics.module.ts', /@Controller\('([^']+)'\)/)}`;

/** The variables apps/dashboard/api-upstream.sh reads (`${API_UPSTREAM_HOST:-api}` and the like). */
export const DASHBOARD_VARIABLES = [...read('apps/dashboard/api-upstream.sh').matchAll(/\$\{([A-Z][A-Z0-9_]*):-/g)].map(
  (match) => match[1],
);

interface ComposeService {
  image?: string;
  build?: unknown;
}

/** Each Compose service's image, from docker-compose.yml. */
export const COMPOSE_SERVICES = (parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> })
  .services;
