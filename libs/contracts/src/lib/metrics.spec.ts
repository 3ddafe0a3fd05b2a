import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { METRIC_NAMES } from './metrics';

/** Node's default metrics (prom-client's `collectDefaultMetrics`) the dashboard may chart besides our own. */
const NODE_DEFAULTS = new Set(['nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes']);
const SERIES_SUFFIXES = ['_bucket', '_count', '_sum'];

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: { expr: string; datasource?: { uid?: string } }[];
}

const dashboard = JSON.parse(readFileSync(resolve(__dirname, '../../../../infra/grafana/rate-runner.json'), 'utf8')) as {
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string }[] };
};

/** The metric names a PromQL expression reads: what is left once functions, groupings, ranges and matchers are gone. */
function metricsOf(expr: string): string[] {
  const bare = expr
    .replace(/\b(?:by|without)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\$\w+/g, ' ');
  return [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((match) => match[1]);
}

const ours: ReadonlySet<string> = new Set(Object.values(METRIC_NAMES));
const known = (name: string): boolean =>
  ours.has(name) ||
  NODE_DEFAULTS.has(name) ||
  SERIES_SUFFIXES.some((suffix) => name.endsWith(suffix) && ours.has(name.slice(0, -suffix.length)));
const charted = dashboard.panels.filter((panel) => panel.type !== 'row');
const used = charted.flatMap((panel) => (panel.targets ?? []).flatMap((target) => metricsOf(target.expr)));

describe('the Grafana dashboard (infra/grafana/rate-runner.json)', () => {
  it('reads the metric names out of PromQL', () => {
    expect(
      metricsOf('histogram_quantile(0.99, sum by (le, route) (rate(api_http_request_duration_seconds_bucket[$__rate_interval])))'),
    ).toEqual(['api_http_request_duration_seconds_bucket']);
    expect(metricsOf('max by (job, instance) (process_resident_memory_bytes{job="api"}) / 2')).toEqual(['process_resident_memory_bytes']);
  });

  it('queries only metrics the services export: METRIC_NAMES (with histogram suffixes) or an allowed Node default', () => {
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((name) => !known(name))).toEqual([]);
  });

  it('charts every metric of METRIC_NAMES', () => {
    const base = new Set(
      used.map((name) => SERIES_SUFFIXES.reduce((left, suffix) => (left.endsWith(suffix) ? left.slice(0, -suffix.length) : left), name)),
    );
    expect([...ours].filter((name) => !base.has(name))).toEqual([]);
  });

  it('reads every panel from the Prometheus data source variable', () => {
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', query: 'prometheus' }),
    );
    for (const panel of charted) {
      expect([panel.title, panel.datasource?.uid]).toEqual([panel.title, '${DS_PROMETHEUS}']);
      for (const target of panel.targets ?? []) expect([panel.title, target.datasource?.uid]).toEqual([panel.title, '${DS_PROMETHEUS}']);
    }
  });
});
